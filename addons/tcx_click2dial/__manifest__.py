# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "3CX Click-to-Dial",
    "summary": "3CX click-to-dial, caller-ID lookup, call journal and missed-call follow-up",
    "version": "19.0.1.3.1",
    "category": "Productivity/Phone",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": ["contacts", "mail", "suite_phone", "suite_base"],
    "external_dependencies": {"python": ["phonenumbers", "requests"]},
    "data": [
        "security/tcx_click2dial_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "views/tcx_call_views.xml",
        "views/tcx_pbx_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
        "views/tcx_link_number_wizard_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/tcx_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "tcx_click2dial/static/src/**/*",
        ],
        "web.assets_tests": [
            "tcx_click2dial/static/tests/tours/**/*",
        ],
    },
    "application": True,
}
