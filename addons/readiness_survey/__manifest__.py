# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Readiness Survey",
    "summary": "Change-readiness questionnaire, scored, with a manager dashboard",
    "version": "19.0.1.0.0",
    "category": "Marketing/Surveys",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": ["survey"],
    "data": ["security/readiness_survey_security.xml"],
}
