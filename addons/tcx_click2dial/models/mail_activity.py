# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .tcx_call_callback import CALLBACK_ACTIVITY


class MailActivity(models.Model):
    """A *Call back* task marked done by hand: the missed calls it stands for are done too."""

    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        kind = self.env.ref(CALLBACK_ACTIVITY, raise_if_not_found=False)
        tasks = {
            (activity.res_model, activity.res_id)
            for activity in self
            if kind and activity.activity_type_id == kind and activity.res_model
        }
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if tasks:
            # sudo: whoever may close the callback task closes its calls (callback
            # bookkeeping only); the calls are found from the task, not from the client
            Call = self.env["tcx.call"].sudo()
            calls = Call.browse()
            for res_model, res_id in tasks:
                calls |= Call._tcx_calls_of_callback_task(res_model, [res_id])
            calls._tcx_callback_done(fields.Datetime.now(), feedback=False)
        return result
