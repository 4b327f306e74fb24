# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.sm_managed_mixin import sm_sync_writes
from ..models.sm_order_link_hit import LIMITS
from .common_orders import SmOrderCase

LINK = re.compile(r'href="(https?://[^"]+(/sm/order/\d+\?access_token=[0-9a-f-]+))"')


@tagged("post_install", "-at_install")
class TestOrderStatusPage(SmOrderCase, HttpCase):
    """The customer's order status page behind the signed link of every customer message."""

    def setUp(self):
        super().setUp()
        self.pickup = self.order(self.pickup_id)
        self.delivery = self.order(self.delivery_id)
        line = self.pickup.order_line.filtered(lambda line: not line.display_type)[:1]
        with sm_sync_writes():  # SM's data, written as the sync would
            line.write({"sm_available": False, "sm_expected_date": "2026-12-04"})
            line.product_id.product_tmpl_id.sm_next_restock_date = "2026-12-03"
        self.unavailable = line

    def path(self, order, token=None):
        token = order.access_token if token is None else token
        return f"/sm/order/{order.id}?access_token={token}"

    def get(self, path):
        return self.url_open(path, allow_redirects=False)

    # content ------------------------------------------------------------------------
    def test_page_in_the_customers_language(self):
        self.pickup._sm_status_url()
        expected = {  # labels, the promised date, the line's expected and restock dates
            "en_US": (
                "Promised date",
                "December 1, 2026",
                "December 4, 2026",
                "December 3, 2026",
                "Not available yet",
                "Opening hours",
                "How pickup works",
            ),
            "fr_BE": (
                "Date promise",
                "1 décembre 2026",
                "4 décembre 2026",
                "3 décembre 2026",
                "Pas encore disponible",
                "Heures d'ouverture",
                "Comment se passe le retrait",
            ),
            "nl_BE": (
                "Beloofde datum",
                "1 december 2026",
                "4 december 2026",
                "3 december 2026",
                "Nog niet beschikbaar",
                "Openingsuren",
                "Zo werkt het afhalen",
            ),
        }
        for lang, words in expected.items():
            with self.subTest(lang=lang):
                self.set_lang(self.pickup, lang)
                response = self.get(self.path(self.pickup))
                self.assertEqual(response.status_code, 200)
                html = response.text
                for word in words:
                    self.assertIn(word, html)
                self.assertIn(self.pickup.name, html)
                self.assertIn("Rue Saint-Gilles 112", html)  # the Liège showroom
                article = self.unavailable.product_id.with_context(lang=lang).display_name
                self.assertIn(article.split("]")[-1].strip(), html)  # in the customer's language
                self.assertIn('name="viewport"', html)  # laid out for phones
                self.assertEqual(response.headers["Cache-Control"], "no-store")
                self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")

    def test_delivery_order_explains_delivery_not_pickup(self):
        self.delivery._sm_status_url()
        html = self.get(self.path(self.delivery)).text
        self.assertIn("Our carrier will contact you", html)
        self.assertNotIn("Rue Saint-Gilles", html)

    # access -------------------------------------------------------------------------
    def test_wrong_missing_or_other_orders_token_is_404(self):
        self.pickup._sm_status_url()
        self.delivery._sm_status_url()
        token = self.pickup.access_token
        for path in (
            self.path(self.pickup, token[:-1] + ("0" if token[-1] != "0" else "1")),
            f"/sm/order/{self.pickup.id}",
            self.path(self.pickup, ""),
            # another customer's order with this customer's token
            self.path(self.delivery, token),
            f"/sm/order/999999999?access_token={token}",
        ):
            with self.subTest(path=path):
                response = self.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(self.pickup.name, response.text)
                self.assertNotIn(self.delivery.name, response.text)

    def test_revoked_link_is_404_and_the_next_message_carries_a_new_one(self):
        old = self.path(self.pickup, self.pickup._sm_status_url().rsplit("=", 1)[1])
        self.assertEqual(self.get(old).status_code, 200)
        self.assertEqual(
            self.pickup.with_user(self.agent).sm_status_link, self.pickup._sm_status_url()
        )
        self.pickup.with_user(self.agent).action_sm_revoke_link()
        self.assertFalse(self.pickup.sm_status_link)  # reading it makes no new token
        self.assertEqual(self.get(old).status_code, 404)
        self.sm_change(self.pickup_id, promised_date="2026-12-15")
        new = LINK.search(self.customer_messages(self.pickup)[:1].body)
        self.assertTrue(new)
        self.assertNotIn(old, new[2])
        self.assertEqual(self.get(new[2]).status_code, 200)

    def test_only_sm_agents_revoke_links(self):
        token = self.pickup._sm_status_url().rsplit("=", 1)[1]
        salesman = new_test_user(
            self.env, login="sm-not-agent", groups="sales_team.group_sale_salesman_all_leads"
        )
        with self.assertRaises(AccessError):
            self.pickup.with_user(salesman).action_sm_revoke_link()
        self.assertEqual(self.pickup.access_token, token)

    def test_link_expires_days_after_the_order_closed(self):
        self.pickup._sm_status_url()
        self.backend.order_link_days = 10
        self.sm_change(self.pickup_id, status="delivered")
        self.assertTrue(self.pickup.sm_closed_date)
        self.assertEqual(self.get(self.path(self.pickup)).status_code, 200)
        with sm_sync_writes():  # the sync's own field: closed 11 days ago
            self.pickup.sm_closed_date = fields.Datetime.now() - timedelta(days=11)
        self.assertEqual(self.get(self.path(self.pickup)).status_code, 404)

    def test_order_not_from_sm_has_no_status_page(self):
        order = self.env["sale.order"].create({"partner_id": self.pickup.partner_id.id})
        order._portal_ensure_token()
        self.assertEqual(self.get(self.path(order)).status_code, 404)

    def test_rate_limited_per_order(self):
        self.pickup._sm_status_url()
        hits, _seconds = LIMITS["order"]
        for _i in range(hits):
            self.get(self.path(self.pickup, "wrong"))
        # past the limit, even the right token waits
        self.assertEqual(self.get(self.path(self.pickup)).status_code, 429)
        self.assertEqual(self.get(self.path(self.delivery, "x")).status_code, 404)

    def test_customer_with_an_account_sees_the_status_in_my_orders(self):
        customer = self.pickup.partner_id
        with sm_sync_writes():  # the customer's own account, on their SM contact
            self.env["res.users"].create(
                {
                    "login": "sm-portal-customer",
                    "password": "sm-portal-customer",
                    "partner_id": customer.id,
                    "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
                }
            )
        self.authenticate("sm-portal-customer", "sm-portal-customer")
        response = self.get(f"/my/orders/{self.pickup.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_sm_order_status", response.text)
        self.assertIn("December 1, 2026", response.text)

    def test_sale_portal_token_dies_with_the_status_link(self):
        token = self.pickup._sm_status_url().rsplit("=", 1)[1]
        url = f"/my/orders/{self.pickup.id}?access_token={token}"
        self.assertEqual(self.get(url).status_code, 200)
        self.pickup.with_user(self.agent).action_sm_revoke_link()
        self.assertNotEqual(self.get(url).status_code, 200)

    # the link in messages ----------------------------------------------------------------
    def test_link_in_every_template_in_every_language(self):
        Event = self.env["sm.order.event"]
        configs = Event._event_type_config()
        self.assertEqual(len(configs), 7)
        words = {
            "en_US": "Follow your order online",
            "fr_BE": "Suivez votre commande en ligne",
            "nl_BE": "Volg uw bestelling online",
        }
        for lang, text in words.items():
            self.set_lang(self.pickup, lang)
            for code, config in configs.items():
                with self.subTest(lang=lang, event_type=code), sm_sync_writes():
                    event = Event.create(
                        {
                            "order_id": self.pickup.id,
                            "event_type": code,
                            "key": f"test:{lang}:{code}",
                            "new_value": "2026-12-20",
                            "state": "off",
                        }
                    )
                    _subject, body = event._render(config)
                    link = LINK.search(body)
                    self.assertTrue(link, body)
                    self.assertEqual(link[1], self.pickup._sm_status_url())
                    self.assertIn(text, body)
                    self.assertEqual(body.count("/sm/order/"), 1)

    def test_browser_opens_the_order_page_from_a_message(self):
        self.set_lang(self.pickup, "fr_BE")
        self.sm_change(self.pickup_id, promised_date="2026-12-15")
        message = self.customer_messages(self.pickup)[:1]
        self.assertIn("/sm/order/", message.body)
        path = LINK.search(message.body)[2]
        self.browser_js(
            path,
            """
            const promised = document.querySelector('.o_sm_order_status .o_sm_promised');
            const lines = document.querySelectorAll('.o_sm_order_status .o_sm_line');
            if (promised && promised.textContent.includes('15 décembre 2026') && lines.length) {
                console.log('test successful');
            } else {
                console.error('order status page not shown: ' + document.body.innerText);
            }
            """,
        )
