# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Suite Phone Numbers",
    "summary": "One phone normaliser (E.164 + extension) and stored, indexed numbers on contacts",
    "version": "19.0.1.1.0",
    "category": "Hidden/Tools",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": ["phone_validation", "partner_mobile"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": ["views/res_partner_views.xml"],
}
