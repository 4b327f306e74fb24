# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    """What automatic assignment asks of an agent: the languages they answer in and their
    skills (skill tags of tickets). The rule itself: helpers/eligibility.py."""

    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    inbox_lang_ids = fields.Many2many(
        "res.lang",
        "inbox_user_lang_rel",
        "user_id",
        "lang_id",
        string="Answers in",
        help="Languages of the tickets this agent gets automatically (French, Dutch, "
        "English). Empty: every language.",
    )
    inbox_skill_ids = fields.Many2many(
        "helpdesk.ticket.tag",
        "inbox_user_skill_rel",
        "user_id",
        "tag_id",
        string="Skills",
        domain=[("inbox_skill", "=", True)],
        help="Tickets tagged with a skill (e.g. after-sales) go only to agents who have it.",
    )
