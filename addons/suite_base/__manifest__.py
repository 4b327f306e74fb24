# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Suite Base",
    "summary": "Customer identification and the helpers every connector of the suite shares",
    "version": "19.0.1.2.0",
    "category": "Hidden/Tools",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": ["contacts", "suite_phone"],
    "data": [
        "security/ir.model.access.csv",
        "views/res_partner_views.xml",
        "views/customer_360_action.xml",
    ],
    "assets": {
        "web.assets_backend": ["suite_base/static/src/**/*"],
        "web.assets_tests": ["suite_base/static/tests/tours/**/*"],
    },
    "external_dependencies": {"python": ["phonenumbers", "requests"]},
}
