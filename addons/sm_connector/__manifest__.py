# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Silicon Master Connector",
    "summary": "One-way sync of contacts, articles and customer orders from the Silicon Master ERP",
    "version": "19.0.1.0.0",
    "category": "Connector",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": ["contacts", "sale", "phone_validation", "queue_job"],
    "data": ["security/sm_connector_security.xml"],
}
