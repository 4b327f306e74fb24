# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ticket life cycle (issue 15) on an existing database: helpdesk_mgmt's "Awaiting" stage
waits for the customer, and "Done" sends the inbox's closing mail with the rating (the data
file is noupdate and names another module's records, so an update does not apply it)."""

from odoo import SUPERUSER_ID, api

# as in data/inbox_sla_policy_data.xml
RESOLUTION_DAYS = {
    "sla_chat": 2,
    "sla_livechat": 2,
    "sla_phone": 2,
    "sla_email": 3,
    "sla_email_urgent": 1,
}


def migrate(cr, version):
    """Apply the stage settings when the stages still have upstream's, and the shipped
    policies' resolution targets."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    awaiting = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting", raise_if_not_found=False)
    if awaiting:
        awaiting.inbox_waiting_customer = True
    done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done", raise_if_not_found=False)
    upstream = env.ref("helpdesk_mgmt.closed_ticket_template", raise_if_not_found=False)
    closing = env.ref("omnichannel_inbox.mail_template_inbox_closed", raise_if_not_found=False)
    if done and closing and done.mail_template_id in (upstream, env["mail.template"]):
        done.mail_template_id = closing
    # the shipped policies get their resolution target (business days), unless set already
    for xmlid, days in RESOLUTION_DAYS.items():
        policy = env.ref(f"omnichannel_inbox.{xmlid}", raise_if_not_found=False)
        if policy and not policy.resolution_target:
            policy.write({"resolution_target": days, "resolution_unit": "days"})
