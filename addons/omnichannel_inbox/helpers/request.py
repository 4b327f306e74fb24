# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One incoming request (an e-mail, a closed chat, a call...) on its way through the intake.

Channel-neutral, pure data (ids and strings, no records): each channel's adapter fills what it
knows (channel, customer hints, text, attachments, external id), hands it to the one entry
point ``inbox.router._intake()``, and each step adds what it finds (customer, orders, existing
ticket, team...). Not to be confused with the ``inbox.request`` log model (InboxRequestLog).
"""

from dataclasses import dataclass, field


@dataclass
class IntakeRequest:
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
    external_id: str = ""  # the request's id in its system, e.g. the iAdvize conversation id
    # the channel as the external system names it ("iadvize:WHATSAPP"): a ticket channel whose
    # inbox_external_codes list it wins over ``channel`` (helpdesk.ticket.channel._inbox_resolve)
    external_channel: str = ""
    order_refs: list = field(default_factory=list)  # order numbers the channel already knows
    attachments: list = field(default_factory=list)  # [(file name, bytes)] posted with the note
    description: str = ""  # HTML description of a new ticket
    note: str = ""  # HTML posted in the ticket's thread (transcript, call summary)
    note_author_id: int = 0
    note_by_customer: bool = False  # the note is the ticket's customer's (a chat transcript)
    note_from: str = ""  # who the note is from when there is no contact (visitor, number)
    priority: str = ""
    # explicit routing (mail alias / call queue) and explicit thread (reply to a ticket)
    team_id: int = 0
    thread_ticket_id: int = 0
    user_id: int = 0  # preferred assignee (the agent who took the call), if in the team
    allow_dedup: bool = True
    first_response: object = None  # when a person already answered (chat operator, phone)
    # found by the pipeline
    channel_id: int = 0  # the helpdesk.ticket.channel of ``channel`` / ``external_channel``
    partner_id: int = 0
    commercial_partner_id: int = 0
    email_normalized: str = ""
    phone_e164: str = ""
    phone_extension: str = ""  # "ext. 204", "poste 117" typed after the number
    sender_key: str = ""
    identified_by: str = ""  # author / email / phone / visitor
    order_numbers: list = field(default_factory=list)
    order_ids: list = field(default_factory=list)
    # cited orders of another customer than the identified one: never linked, noted for agents
    foreign_order_ids: list = field(default_factory=list)
    routed_by: str = ""
    # a reply to a closed ticket (helpers/reopen.py): thanks / reopen / new_linked, and the
    # closed ticket a new linked ticket follows up
    closed_reply: str = ""
    follow_up_of_id: int = 0
    notes: list = field(default_factory=list)
