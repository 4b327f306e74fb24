# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``/ticket/close`` of OCA helpdesk_mgmt, made safe (issue 10 item 4).

Upstream answers ``GET /ticket/close?ticket_id=&stage_id=`` for any logged-in user and any
ticket (it searches the ticket as superuser): a link on another site closes anyone's ticket.
Here: POST only, with the CSRF token; the ticket must be the caller's (its customer, per the
portal record rules) or one the caller handles as a helpdesk user; the stage must be a
closing stage of the ticket's team.
"""

import werkzeug
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

HELPDESK_USER = "helpdesk_mgmt.group_helpdesk_user_own"


def _int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**31 else 0


class InboxHelpdeskTicketController(HelpdeskTicketController):
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, ticket_id=None, stage_id=None, **_kw):
        """Close the caller's ticket in one of its team's closing stages."""
        ticket = request.env["helpdesk.ticket"].browse(_int(ticket_id))
        if not ticket or not self._inbox_may_close(ticket):
            raise NotFound()
        stage = self._inbox_closing_stage(ticket, _int(stage_id))
        # a stage that does not close this ticket changes nothing: back to the ticket (the
        # portal form's answer upstream, whose tests expect the redirect)
        if stage and ticket.stage_id != stage:
            # sudo: customers have no write access on tickets; who and which stage are checked
            ticket.sudo().stage_id = stage
        return werkzeug.utils.redirect(f"/my/ticket/{ticket.id}")

    def _inbox_may_close(self, ticket):
        """The ticket's customer (portal: a ticket its record rules show them) or a helpdesk
        user who may write it; anyone else gets a 404."""
        user = request.env.user
        try:
            ticket.check_access("read")
        except (AccessError, MissingError):
            return False
        if user.has_group(HELPDESK_USER):
            return ticket.has_access("write")
        if user.share:
            return True  # the portal rule: tickets of their own company
        customer = ticket.partner_id.commercial_partner_id
        return bool(customer) and customer == user.partner_id.commercial_partner_id

    def _inbox_closing_stage(self, ticket, stage_id):
        """The stage ``stage_id`` when it closes tickets of the ticket's team, else empty;
        customers only get the stages offered to them on the portal."""
        # sudo: stages are configuration; only ids of the ticket's team are accepted
        stages = ticket.sudo().team_id._get_applicable_stages()
        if not ticket.team_id:
            # sudo: stages are configuration; only the ticket company's shared stages
            Stage = request.env["helpdesk.ticket.stage"].sudo()
            stages = Stage.search(
                [("company_id", "in", [False, ticket.company_id.id]), ("team_ids", "=", False)]
            )
        stage = stages.filtered(lambda s: s.id == stage_id and s.closed)
        if stage and not request.env.user.has_group(HELPDESK_USER):
            stage = stage.filtered("close_from_portal")
        return stage
