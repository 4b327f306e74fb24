# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestCannedReplies(InboxCase):
    """Canned replies filled from the ticket's order, in the customer's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("fr_FR", "nl_BE"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["omnichannel_inbox", "sm_connector"], ["fr_FR", "nl_BE"], overwrite=True
        )
        cls.delay = cls.env.ref("omnichannel_inbox.mail_template_canned_delay")
        cls.out_of_stock = cls.env.ref("omnichannel_inbox.mail_template_canned_out_of_stock")
        cls.pickup = cls.env.ref("omnichannel_inbox.mail_template_canned_pickup")

    def reply(self, ticket, template, user=None):
        wizard = Form(
            self.env["inbox.canned.reply.wizard"]
            .with_user(user or self.agent_a)
            .with_context(default_ticket_id=ticket.id)
        )
        wizard.template_id = template
        return wizard

    def test_delay_reply_in_french_and_dutch(self):
        self.julie.lang = "fr_FR"
        ticket = self.email("Ma commande SO26-000123", body="?")
        form = self.reply(ticket, self.delay)
        self.assertEqual(form.lang, "fr_FR", "the customer's language")
        self.assertIn("Bonjour Julie Lambert", form.body)
        self.assertIn("SO26-000123", form.body)
        self.assertIn("11/12/2026", form.body, "the promised date, French format")
        self.assertIn("a pris du retard", form.body)
        self.assertTrue(form.subject.startswith(f"[{ticket.number}] Votre commande SO26-000123"))
        form.lang = "nl_BE"
        self.assertIn("Beste Julie Lambert", form.body)
        self.assertIn("11/12/2026", form.body, "the promised date, Belgian Dutch format")
        self.assertIn("is vertraagd", form.body)
        self.assertIn("nieuwe verwachte datum", form.subject)

    def test_out_of_stock_reply_gives_the_next_date_in_dutch(self):
        self.marc.lang = "nl_BE"
        ticket = self.email("Bestelling SO26-000123", body="?", sender="marc.dubois@client.test",
                            sender_name="Marc")  # fmt: skip
        form = self.reply(ticket, self.out_of_stock)
        self.assertEqual(form.lang, "nl_BE")
        self.assertIn("Canapé Alba 3 places", form.body)
        self.assertIn("verwacht op <strong>04/12/2026</strong>", form.body)
        self.assertNotIn("Table basse Nora", form.body, "available items are not listed")

    def test_pickup_reply_with_the_showroom(self):
        ticket = self.email("SO26-000123", body="?")
        form = self.reply(ticket, self.pickup)
        self.assertEqual(form.lang, "en_US")
        self.assertIn("Rue Saint-Gilles 112", form.body)
        self.assertIn("Mon-Sat 10:00-18:30", form.body)
        form.lang = "fr_FR"
        self.assertIn("Heures d'ouverture", form.body.replace("&#39;", "'"))

    def test_unidentified_chat_visitor_gets_the_chat_language(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "chat",
                "description": "x",
                "inbox_lang": "nl_BE",
                "inbox_order_id": self.order.id,
            }
        )
        form = self.reply(ticket, self.delay)
        self.assertEqual(form.lang, "nl_BE")

    def test_sending_posts_the_reply_by_email_and_answers_the_sla(self):
        self.julie.lang = "fr_FR"
        ticket = self.email("Ma commande SO26-000123", body="?")
        form = self.reply(ticket, self.delay)
        form.save().action_send()
        reply = ticket.message_ids.filtered(lambda m: m.author_id == self.agent_a.partner_id)
        self.assertEqual(len(reply), 1)
        self.assertIn("a pris du retard", reply.body)
        self.assertIn(self.julie, reply.partner_ids, "sent to the customer")
        self.assertEqual(reply.inbox_channel_id, self.channel("email"))
        self.assertEqual(ticket.inbox_sla_status, "met")
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", reply.id)])
        self.assertTrue(mail, "an e-mail leaves for the customer")
        self.assertIn(ticket.number, mail.subject)

    def test_only_canned_templates_are_offered(self):
        offered = self.env["mail.template"].search(
            self.env["inbox.canned.reply.wizard"]._fields["template_id"].domain
        )
        self.assertEqual(len(offered), 4)
        self.assertNotIn(self.env.ref("omnichannel_inbox.mail_template_inbox_ack"), offered)
