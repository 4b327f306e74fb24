# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from types import SimpleNamespace

from odoo import api, fields, models

from ..helpers.iadvize import parse_conversation

DEMO_EMAIL = """From: Julie Lambert <julie.lambert@example.com>
To: webshop@example.com
Subject: Commande SO26-900001 : toujours pas de date ?
Message-ID: <demo-inbox-1@example.com>
Date: {date}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Bonjour,

Ma commande SO26-900001 devait être prête cette semaine. Pouvez-vous me dire quand
je pourrai venir la chercher à Liège ?

Julie Lambert
"""

DEMO_UNKNOWN = """From: "Lambert, Julie" <j.lambert.perso@example.net>
To: webshop@example.com
Subject: Question livraison
Message-ID: <demo-inbox-2@example.net>
Date: {date}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Bonjour, est-il possible de se faire livrer plutôt que d'aller chercher ?
"""


class InboxRouter(models.AbstractModel):
    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_load_demo(self):
        """Demo requests through the real pipeline: a chat about an order (transcript, order
        panel), the same customer's e-mail joining it, an unknown sender flagged as a
        possible duplicate, a missed call turned into a callback ticket."""
        now = fields.Datetime.now()
        connection = self.env.ref("omnichannel_inbox.iadvize_connection_demo")
        stamp = (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        conversation = {
            "id": "4c8c7408-f73c-42cd-89e9-afbbee7d9024",
            "channel": "CHAT",
            "createdAt": stamp,
            "closedAt": stamp,
            "language": "fr",
            "visitor": {
                "firstName": "Julie",
                "lastName": "Lambert",
                "email": "julie.lambert@example.com",
                "phoneNumber": "0475 12 34 56",
            },
            "customData": [{"key": "page", "value": "/mon-compte/commandes"}],
            "messages": {
                "edges": [
                    {"node": {"id": "m1", "createdAt": stamp, "author": {"__typename": "Visitor"},
                              "text": "Bonjour, où en est ma commande SO26-900001 ?"}},
                    {"node": {"id": "m2", "createdAt": stamp,
                              "author": {"__typename": "User", "name": "Sophie"},
                              "text": "Bonjour, je regarde : le canapé est en rupture."}},
                ]
            },
        }  # fmt: skip
        event = SimpleNamespace(
            visitor_id="b05f1b45-c891-4a9c-b47e-91ee6c8ffb44", received_date=now
        )
        connection._inbox_chat_ticket(parse_conversation(conversation), event)
        Thread = self.env["mail.thread"]
        team = self.env.ref("omnichannel_inbox.team_web")
        date = (now - timedelta(hours=1)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        for raw in (DEMO_EMAIL, DEMO_UNKNOWN):
            Thread.message_process(
                "helpdesk.ticket", raw.format(date=date), custom_values={"team_id": team.id}
            )
        call = self.env["tcx.call"].create(
            {
                "direction": "inbound",
                "status": "missed",
                "number": "+32486554433",
                "number_e164": "+32486554433",
                "partner_id": self.env.ref("omnichannel_inbox.partner_pieter").id,
                "start_date": now - timedelta(minutes=30),
            }
        )
        call._on_call_logged()
        return True
