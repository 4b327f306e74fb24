# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SmOrderEventTypeAuto(models.Model):
    """When each kind of message went automatic (for the "where is my order" measure), and the
    confirmation that shows what the last simulation would have sent."""

    _inherit = "sm.order.event.type"  # pylint: disable=consider-merging-classes-inherited

    auto_since = fields.Datetime(
        string="Automatic since",
        readonly=True,
        help="When this kind of message was last switched to Send automatically.",
    )

    def write(self, vals):
        if vals.get("mode") == "auto" and "auto_since" not in vals:
            switched = self.filtered(lambda config: config.mode != "auto")
            if switched:
                super(SmOrderEventTypeAuto, switched).write({"auto_since": fields.Datetime.now()})
        return super().write(vals)

    def _last_simulated_messages(self):
        """Message lines of this type in the latest simulation (sm.dry.run) of any backend."""
        self.ensure_one()
        last = self.env["sm.dry.run"].search([], limit=1)
        return last.line_ids.filtered(
            lambda line: line.kind == "message" and line.event_type == self.code
        )

    def action_switch_to_auto(self):
        """Ask to confirm, showing the messages the last simulation would have sent."""
        self.ensure_one()
        wizard = self.env["sm.event.type.auto.wizard"].create(
            {
                "event_type_id": self.id,
                "line_ids": [(6, 0, self._last_simulated_messages().ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send automatically?"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
