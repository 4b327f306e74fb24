# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared base: teams with agents, customers, SM orders, e-mails through the real mail
gateway, and a real iAdvize simulator over HTTP on localhost (started per test)."""

import sys
from datetime import datetime, timedelta
from pathlib import Path

from odoo import fields
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.tests import HttpCase, TransactionCase, new_test_user

from ..adapters.iadvize_client import TOKENS

# The simulators live beside addons/ (never imported by product code, only by tests).
REPO_ROOT = Path(__file__).resolve().parents[3]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from simulators.iadvize import IAdvizeSimulator  # noqa: E402

SECRET = "test-iadvize-webhook-secret"
PROJECT = "4242"
USERNAME = "api@inbox.test"
PASSWORD = "test-iadvize-password"
ALIAS_DOMAIN = "inbox.test"
# A Monday 10:00 in Brussels (09:00 UTC), inside every team's working hours.
MONDAY_10 = datetime(2026, 11, 23, 9, 0, 0)

EMAIL = """Return-Path: <{sender}>
To: {to}
From: {sender_name} <{sender}>
Subject: {subject}
Message-ID: <{msg_id}>
Date: Mon, 23 Nov 2026 09:00:00 +0000
MIME-Version: 1.0
{extra}Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

{body}
"""


class InboxMixin:
    """Data shared by the inbox tests."""

    @classmethod
    def setup_inbox(cls):
        env = cls.env
        Partner = env["res.partner"]
        cls.domain = env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
        env.company.alias_domain_id = cls.domain
        cls.team_web = env.ref("omnichannel_inbox.team_web")
        cls.team_lie = env.ref("omnichannel_inbox.team_lie")
        cls.team_bru = env.ref("omnichannel_inbox.team_bru")
        cls.team_gan = env.ref("omnichannel_inbox.team_gan")
        cls.teams = cls.team_web | cls.team_lie | cls.team_bru | cls.team_gan
        for team in cls.teams:
            team.alias_domain_id = cls.domain
        # texts are asserted in English here; the teams' own languages have their own tests
        (cls.teams | env["helpdesk.ticket.team"].search([])).write({"inbox_lang": "en_US"})
        env.company.partner_id.lang = "en_US"
        # tickets of other modules' demo data must not weigh on assignment
        env["helpdesk.ticket"].search([]).write({"user_id": False})
        groups = (
            "helpdesk_mgmt.group_helpdesk_user,sales_team.group_sale_salesman,"
            "tcx_click2dial.group_tcx_agent"
        )
        cls.agent_a = new_test_user(env, login="inbox-agent-a", name="Alice Agent", groups=groups)
        cls.agent_b = new_test_user(env, login="inbox-agent-b", name="Bruno Agent", groups=groups)
        cls.lead = new_test_user(
            env, login="inbox-lead", name="Lea Lead", groups="helpdesk_mgmt.group_helpdesk_manager"
        )
        cls.teams.write({"user_ids": [fields.Command.set((cls.agent_a | cls.agent_b).ids)]})
        cls.teams.write({"user_id": cls.lead.id})
        cls.be = env.ref("base.be")
        cls.julie = Partner.create(
            {
                "name": "Julie Lambert",
                "email": "julie.lambert@client.test",
                "phone": "0475 12 34 56",
                "country_id": cls.be.id,
                "sm_showroom_id": env.ref("sm_connector.showroom_lie").id,
                "lang": "en_US",
            }
        )
        cls.marc = Partner.create(
            {
                "name": "Marc Dubois",
                "email": "marc.dubois@client.test",
                "mobile": "+32 486 11 22 33",
                "country_id": cls.be.id,
                "sm_showroom_id": env.ref("sm_connector.showroom_bru").id,
            }
        )
        # demo SM customers with the same numbers would take their calls (known customers win)
        numbers = (cls.julie | cls.marc).mapped("phone_e164") + (cls.julie | cls.marc).mapped(
            "mobile_e164"
        )
        numbers = [n for n in numbers if n]
        demo = Partner.search(
            ["|", ("phone_e164", "in", numbers), ("mobile_e164", "in", numbers),
             ("id", "not in", (cls.julie | cls.marc).ids)]
        )  # fmt: skip
        with sm_sync_writes():
            demo.write({"phone": False, "mobile": False})
        Product = env["product.product"]
        cls.sofa = Product.create(
            {
                "name": "Canapé Alba 3 places",
                "type": "consu",
                "list_price": 1499.0,
                "sm_next_restock_date": "2026-12-04",
                "sm_stock_summary": "LIE 0 · BRU 1",
            }
        )
        cls.table = Product.create({"name": "Table basse Nora", "type": "consu", "list_price": 349})
        cls.order = cls._sm_order(
            "SO26-000123",
            cls.julie,
            "lie",
            status="awaiting_stock",
            promised="2026-12-11",
            lines=[(cls.sofa, False, "2026-12-04"), (cls.table, True, False)],
        )
        cls.order_gan = cls._sm_order(
            "SO26-000456", cls.marc, "gan", status="ready_for_pickup", promised="2026-11-25"
        )

    @classmethod
    def _sm_order(cls, number, partner, showroom, status="confirmed", promised=None, lines=None):
        lines = lines or [(cls.table, True, False)]
        # orders stand in for synced ones: only the sync may create SM records
        with sm_sync_writes():
            return cls.env["sale.order"].create(
                {
                    "name": number,
                    "sm_id": number,
                    "partner_id": partner.id,
                    "sm_status": status,
                    "sm_channel": "showroom",
                    "sm_showroom_id": cls.env.ref(f"sm_connector.showroom_{showroom}").id,
                    "sm_delivery_mode": "pickup",
                    "sm_promised_date": promised,
                    "order_line": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": 1,
                                "price_unit": product.list_price,
                                "sm_available": available,
                                "sm_expected_date": expected,
                            }
                        )
                        for product, available, expected in lines
                    ],
                }
            )

    # helpers ----------------------------------------------------------------------------
    def email(
        self,
        subject,
        body="Hello",
        sender="julie.lambert@client.test",
        sender_name="Julie Lambert",
        to=None,
        msg_id=None,
        extra_headers=None,
    ):
        """Deliver an e-mail through the mail gateway; returns the ticket it landed in."""
        self._mail_counter = getattr(self, "_mail_counter", 0) + 1
        msg_id = msg_id or f"inbox-test-{self._mail_counter}-{id(self)}@example.com"
        extra = "".join(f"{key}: {value}\n" for key, value in (extra_headers or {}).items())
        raw = EMAIL.format(
            sender=sender,
            sender_name=sender_name,
            to=to or f"webshop@{ALIAS_DOMAIN}",
            subject=subject,
            msg_id=msg_id,
            extra=extra,
            body=body,
        )
        ticket_id = self.env["mail.thread"].message_process(None, raw)
        self.env.invalidate_all()
        return self.env["helpdesk.ticket"].browse(ticket_id)

    def requests_of(self, ticket):
        return self.env["inbox.request"].search([("ticket_id", "=", ticket.id)], order="id")

    def channel(self, code):
        return self.env["helpdesk.ticket.channel"]._inbox_get(code)


class InboxCase(InboxMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_inbox()


class IAdvizeMixin:
    """An iAdvize simulator per test and a connection pointing at it."""

    def start_iadvize(self):
        TOKENS.clear()
        self.sim = IAdvizeSimulator(
            webhook_secret=SECRET,
            retry_delays=(),
            project_id=PROJECT,
            username=USERNAME,
            password=PASSWORD,
        )
        self.sim_url = self.sim.start()
        self.addCleanup(self.sim.stop)
        self.addCleanup(TOKENS.clear)
        self.env["inbox.iadvize.connection"].search([]).action_archive()
        self.connection = self.env["inbox.iadvize.connection"].create(
            {
                "name": "iAdvize under test",
                "project_id": PROJECT,
                "api_url": self.sim_url,
                "username": USERNAME,
                "password": PASSWORD,
                "webhook_secret": SECRET,
                "timeout": 10,
                "max_attempts": 3,
            }
        )
        return self.sim

    def chat(self, messages, visitor=None, custom_data=None, language="fr", channel="CHAT"):
        return self.sim.add_conversation(
            messages,
            visitor=visitor or {},
            custom_data=custom_data or {},
            language=language,
            channel=channel,
        )

    def process_events(self):
        processed = self.env["inbox.inbound.event"]._inbox_process_pending(
            now=fields.Datetime.now() + timedelta(seconds=1)
        )
        self.env.invalidate_all()
        return processed


class InboxHttpCase(InboxMixin, IAdvizeMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_inbox()

    def webhook(self, conversation_id=None, **options):
        """Close a conversation in the simulator: signed webhook to this Odoo."""
        # the test server only answers requests carrying the test's cookie (opener)
        return self.sim.send_closed_webhook(
            self.base_url(), conversation_id=conversation_id, session=self.opener, **options
        )
