# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Suite Cockpit",
    "summary": "One manager cockpit for the suite, and staff adoption beside readiness",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": [
        "suite_base",
        "sm_connector",
        "tcx_click2dial",
        "omnichannel_inbox",
        "readiness_survey",
        "spreadsheet_dashboard",
        "helpdesk_mgmt_sla",
        "helpdesk_mgmt_rating",
    ],
    "data": [
        "security/suite_cockpit_security.xml",
        "security/ir.model.access.csv",
        "data/suite_cockpit_figure_data.xml",
        "data/spreadsheet_dashboard_data.xml",
        "views/suite_cockpit_figure_views.xml",
        "views/suite_adoption_report_views.xml",
        "views/suite_cockpit_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "suite_cockpit/static/src/js/tours/*.js",
        ],
    },
}
