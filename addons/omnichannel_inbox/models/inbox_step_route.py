# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.suite_base.tools.languages import odoo_lang

from ..helpers.dedup import normalize_name


class InboxRouter(models.AbstractModel):
    """Step 4, route: which team handles the new ticket.

    1. the showroom of the (first) linked SM order (a web-shop order without showroom goes to
       the WEB team), 2. the team the request was addressed to (mail alias), 3. the channel's
       default team, 4. the customer's home showroom, 5. the default team of the settings.
    """

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_team_of_showroom(self, showroom):
        if not showroom:
            return self.env["helpdesk.ticket.team"]
        return self.env["helpdesk.ticket.team"].search(
            [("inbox_showroom_id", "=", showroom.id)], limit=1
        )

    @api.model
    def _inbox_route_team(self, req):
        Team = self.env["helpdesk.ticket.team"]
        web = self.env.ref("sm_connector.showroom_web", raise_if_not_found=False)
        for order in self.env["sale.order"].browse(req.order_ids):
            showroom = order.sm_showroom_id or (web if order.sm_channel == "web" else None)
            team = self._inbox_team_of_showroom(showroom)
            if team:
                return team, "order"
        if req.team_id:
            team = Team.browse(req.team_id).exists()
            if team:
                return team, "address"
        channel = self._inbox_channel(req)
        if channel.inbox_team_id:
            return channel.inbox_team_id, "channel"
        if req.partner_id:
            partner = self.env["res.partner"].browse(req.partner_id)
            showroom = partner.sm_showroom_id or partner.commercial_partner_id.sm_showroom_id
            team = self._inbox_team_of_showroom(showroom)
            if team:
                return team, "customer"
        default = self._param("default_team_id")
        team = Team.browse(int(default)).exists() if default and default.isdigit() else Team
        return team, "default" if team else ""

    @api.model
    def _inbox_lang(self, req):
        """An installed language for the customer's replies (``fr`` -> ``fr_BE``...)."""
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        return odoo_lang(req.lang, installed)

    @api.model
    def _inbox_ticket_values(self, req):
        team, reason = self._inbox_route_team(req)
        req.routed_by = reason
        channel = self._inbox_channel(req)
        partner = self.env["res.partner"].browse(req.partner_id)
        preferred = self.env["res.users"].browse(req.user_id)
        vals = {
            "name": (req.subject or "").strip()[:200] or self.env._("Request without subject"),
            # nobody by default (helpdesk would give it to the gateway's user): assign step
            "user_id": preferred.id if preferred and preferred in team.user_ids else False,
            "channel_id": channel.id or False,
            "team_id": team.id or False,
            "partner_id": partner.id or False,
            "partner_name": partner.name or req.name or False,
            "partner_email": partner.email or req.email_normalized or False,
            "inbox_phone": req.phone or False,
            "inbox_sender_key": req.sender_key or False,
            "inbox_name_key": normalize_name(partner.name or req.name) or False,
            "inbox_external_ref": req.external_id or False,
            "inbox_last_request_date": req.received,
            "inbox_lang": self._inbox_lang(req),
            "inbox_order_ids": [fields.Command.set(req.order_ids)],
            "inbox_order_id": req.order_ids[0] if req.order_ids else False,
            "company_id": team.company_id.id or req.company_id,
        }
        if req.priority:
            vals["priority"] = req.priority
        return vals
