# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Inbox",
    "summary": "One helpdesk inbox for mail, chat and phone that knows the customer and the order",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": ["helpdesk_mgmt", "sm_connector", "tcx_click2dial"],
}
