# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketTeam(models.Model):
    """Teams of the inbox: the web shop and one per showroom, each with its working hours."""

    _inherit = "helpdesk.ticket.team"  # pylint: disable=consider-merging-classes-inherited

    inbox_showroom_id = fields.Many2one(
        "sm.showroom",
        string="Showroom",
        index="btree_not_null",
        ondelete="set null",
        help="Requests about an order of this showroom (or from customers of this home "
        "showroom) go to this team.",
    )
    inbox_auto_assign = fields.Boolean(
        string="Automatic assignment",
        default=True,
        help="Assign new tickets to the available member with the fewest open tickets. "
        "Switch off to let the team pick tickets themselves.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working hours",
        ondelete="set null",
        help="SLA deadlines count only these hours (default: the company's working hours).",
    )
    inbox_auto_ack_template_id = fields.Many2one(
        "mail.template",
        string="Acknowledgement e-mail",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent to the customer when an e-mail opens a new ticket in this team. "
        "Leave empty for no acknowledgement.",
    )
    inbox_lang = fields.Selection(
        selection="_inbox_lang_selection",
        string="Default language",
        default=lambda self: self._inbox_default_lang(),
        help="Language of automatic answers and of texts written by the server (calls, chats) "
        "when the customer's language is unknown.",
    )
    inbox_open_ticket_count = fields.Integer(
        string="Open tickets", compute="_compute_inbox_open_ticket_count"
    )

    _inbox_showroom_unique = models.Constraint(
        "UNIQUE(inbox_showroom_id)", "A showroom has one team."
    )

    @api.constrains("inbox_auto_ack_template_id")
    def _check_inbox_auto_ack_template_id(self):
        """The acknowledgement is rendered by the mail gateway on the new ticket: only a
        template of tickets (the view's domain is a convenience, not a check)."""
        for team in self:
            template = team.inbox_auto_ack_template_id
            if template and template.model != "helpdesk.ticket":
                raise ValidationError(
                    self.env._("The acknowledgement must be an e-mail template of tickets.")
                )

    @api.model
    def _inbox_lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _inbox_default_lang(self):
        # the company's language (the retailer's: fr_BE), not the installing user's
        installed = dict(self.env["res.lang"].get_installed())
        lang = self.env.company.partner_id.lang
        return lang if lang in installed else False

    def _inbox_server_lang(self):
        """Language of what the server writes for this team when no person is at the
        keyboard (webhooks, crons): the team's, else the company's."""
        team = self[:1]
        return team.inbox_lang or self._inbox_default_lang() or self.env.lang

    @api.depends("ticket_ids.inbox_open")
    def _compute_inbox_open_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("team_id", "in", self.ids), ("inbox_open", "=", True)], ["team_id"], ["__count"]
            )
        )
        for team in self:
            team.inbox_open_ticket_count = counts.get(team, 0)

    def _inbox_calendar(self):
        self.ensure_one()
        return (
            self.resource_calendar_id
            or self.company_id.resource_calendar_id
            or (self.env.company.resource_calendar_id)
        )
