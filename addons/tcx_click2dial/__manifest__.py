# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "3CX Click-to-Dial",
    "summary": "3CX click-to-dial, caller-ID lookup, call journal and missed-call follow-up",
    "version": "19.0.1.0.0",
    "category": "Productivity/Phone",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": ["contacts", "mail", "phone_validation"],
    "data": ["security/tcx_click2dial_security.xml"],
}
