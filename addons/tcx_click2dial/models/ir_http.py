# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Adds ``tcx_agent`` (bool): whether the web client shows the *3CX* button beside
        phone numbers. Sent with the page, so a form does not wait for a ``has_group`` RPC
        before drawing its phone fields (issue 17). Only the button's visibility: placing a
        call checks the user's rights on the server (``tcx.call.tcx_click_to_dial``)."""
        info = super().session_info()
        user = self.env.user
        info["tcx_agent"] = bool(
            user._is_internal() and user.has_group("tcx_click2dial.group_tcx_agent")
        )
        return info
