# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Inbox - Outlook panel",
    "summary": "The Outlook add-in's panel shows the sender's SM orders and open tickets, "
    "and creates a ticket from the mail through the inbox",
    "version": "19.0.1.0.1",
    "category": "After-Sales",
    "license": "AGPL-3",
    "author": "SM CRM suite contributors",
    "website": "https://example.invalid/sm-crm-suite",
    "depends": ["omnichannel_inbox", "mail_plugin"],
    "auto_install": True,
}
