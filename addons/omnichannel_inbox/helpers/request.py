# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One incoming request (an e-mail, a closed chat, a call) on its way through the pipeline.

Pure data (ids and strings, no records): each channel fills what it knows, each step of
``inbox.router`` adds what it finds (customer, orders, existing ticket, team...).
"""

from dataclasses import dataclass, field


@dataclass
class InboxRequest:
    channel: str  # inbox channel code: email / chat / livechat / phone / web / other
    company_id: int
    received: object  # naive UTC datetime
    started: object = None  # when the customer started (a chat's start): the SLA clock
    subject: str = ""
    text: str = ""  # plain text searched for order numbers
    email: str = ""  # as sent (may be "Name <addr>")
    phone: str = ""  # as sent
    name: str = ""
    lang: str = ""  # fr / nl / en, when the channel knows it
    region: str = "BE"  # to read national phone numbers
    visitor_id: str = ""  # chat visitor id
    external_user_id: str = ""  # chat visitor's id in the web shop (= SM customer id)
    external_ref: str = ""  # e.g. iAdvize conversation id
    priority: str = ""
    # explicit routing (mail alias / call queue) and explicit thread (reply to a ticket)
    team_id: int = 0
    thread_ticket_id: int = 0
    user_id: int = 0  # preferred assignee (the agent who took the call), if in the team
    allow_dedup: bool = True
    first_response: object = None  # when a person already answered (chat operator, phone)
    # found by the pipeline
    partner_id: int = 0
    commercial_partner_id: int = 0
    email_normalized: str = ""
    phone_e164: str = ""
    phone_extension: str = ""  # "ext. 204", "poste 117" typed after the number
    sender_key: str = ""
    identified_by: str = ""  # author / email / phone / visitor
    order_numbers: list = field(default_factory=list)
    order_ids: list = field(default_factory=list)
    routed_by: str = ""
    notes: list = field(default_factory=list)
