# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

THEMES = [
    ("definition", "What a CRM is"),
    ("tasks", "Tasks to automate"),
    ("benefits", "Expected benefits"),
    ("goals", "Goals"),
    ("crm_used", "CRM already used"),
    ("apprehension", "Apprehensions"),
    ("suggestion", "Suggestions"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    readiness_theme = fields.Selection(
        THEMES,
        help="Free-text answers to this question are listed under this theme for managers.",
    )
