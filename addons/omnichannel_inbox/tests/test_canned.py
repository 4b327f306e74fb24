# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

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
        self.julie.lang = "nl_BE"
        ticket = self.email("Bestelling SO26-000123", body="?")
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

    def test_refusal_is_in_the_agents_language(self):
        ticket = self.email("Ma commande SO26-000123", body="?")
        signup = self.env.ref("auth_signup.set_password_email")
        Wizard = self.env["inbox.canned.reply.wizard"].with_user(self.agent_a)
        # over RPC the context carries the user's language
        with self.assertRaisesRegex(AccessError, "n'est pas une réponse type pour les tickets"):
            Wizard.with_context(lang="fr_FR").create(
                {"ticket_id": ticket.id, "template_id": signup.id}
            )
        with self.assertRaisesRegex(AccessError, "is geen standaardantwoord voor tickets"):
            Wizard.with_context(lang="nl_BE").create(
                {"ticket_id": ticket.id, "template_id": signup.id}
            )

    def test_only_canned_templates_are_offered(self):
        offered = self.env["mail.template"].search(
            self.env["inbox.canned.reply.wizard"]._fields["template_id"].domain
        )
        self.assertEqual(len(offered), 5)
        self.assertIn(self.env.ref("omnichannel_inbox.mail_template_canned_sm_change"), offered)
        self.assertNotIn(self.env.ref("omnichannel_inbox.mail_template_inbox_ack"), offered)


@tagged("post_install", "-at_install")
class TestCannedReplyTemplatesAreChecked(InboxCase):
    """The wizard takes a template id and a ticket id from the client: the server accepts only
    canned replies of tickets, on a ticket the agent may read, rendered with the agent's rights
    (issue 10 item 1: any template was rendered as superuser)."""

    FOREIGN_TEMPLATES = (
        "auth_signup.set_password_email",  # a sign-up link: account takeover
        "auth_totp_mail.mail_template_totp_mail_code",  # a user's current login code
        "survey.mail_template_user_input_invite",  # answer tokens
        "sale.email_template_edi_sale",  # any order
        "omnichannel_inbox.mail_template_inbox_ack",  # a ticket template, but not a canned reply
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Where is my sofa?", "description": "?", "partner_id": cls.julie.id}
        )
        cls.Wizard = cls.env["inbox.canned.reply.wizard"].with_user(cls.agent_a)

    def test_foreign_templates_are_refused_by_create_and_never_rendered(self):
        for xmlid in self.FOREIGN_TEMPLATES:
            template = self.env.ref(xmlid, raise_if_not_found=False)
            if not template:
                continue
            with self.subTest(template=xmlid), self.assertRaises(AccessError):
                wizard = self.Wizard.create(
                    {"ticket_id": self.ticket.id, "template_id": template.id}
                )
                wizard.read(["body", "subject"])

    def test_foreign_template_refused_by_write_and_onchange(self):
        wizard = self.Wizard.create({"ticket_id": self.ticket.id})
        signup = self.env.ref("auth_signup.set_password_email")
        with self.assertRaises(AccessError):
            wizard.write({"template_id": signup.id})
            wizard.read(["body"])
        with self.assertRaises(AccessError):
            self.reply_form(signup)

    def reply_form(self, template):
        form = Form(self.Wizard.with_context(default_ticket_id=self.ticket.id))
        form.template_id = template
        return form

    def test_ticket_the_agent_cannot_read_is_refused(self):
        own = new_test_user(
            self.env, login="inbox-own-canned", groups="helpdesk_mgmt.group_helpdesk_user_own"
        )
        other = self.env["helpdesk.ticket"].create(
            {"name": "Someone else's", "description": "?", "user_id": self.agent_b.id}
        )
        delay = self.env.ref("omnichannel_inbox.mail_template_canned_delay")
        with self.assertRaises(AccessError):
            wizard = (
                self.env["inbox.canned.reply.wizard"]
                .with_user(own)
                .create({"ticket_id": other.id, "template_id": delay.id})
            )
            wizard.read(["body"])

    def test_rendered_with_the_agents_rights_not_as_superuser(self):
        delay = self.env.ref("omnichannel_inbox.mail_template_canned_delay")
        self.ticket.inbox_order_id = self.order
        wizard = self.Wizard.create({"ticket_id": self.ticket.id, "template_id": delay.id})
        self.assertIn("SO26-000123", wizard.body)
        self.assertIn("Alice Agent", wizard.body, "signed by the agent rendering it")
        # a canned reply touching records the agent may not read fails for that agent
        peek = self.env["mail.template"].create(
            {
                "name": "Canned reply: peek at calls",
                "model_id": self.env.ref("helpdesk_mgmt.model_helpdesk_ticket").id,
                "inbox_canned": True,
                "subject": "Calls",
                "body_html": "<p t-out=\"', '.join(object.inbox_call_ids.mapped('number'))\"/>",
            }
        )
        self.env["tcx.call"].create(
            {
                "number": "+3242223344",
                "direction": "inbound",
                "status": "answered",
                "inbox_ticket_id": self.ticket.id,
            }
        )
        helpdesk_only = new_test_user(
            self.env, login="inbox-no-3cx", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        with self.assertRaises(UserError):  # the renderer wraps the AccessError
            self.env["inbox.canned.reply.wizard"].with_user(helpdesk_only).create(
                {"ticket_id": self.ticket.id, "template_id": peek.id}
            ).read(["body"])

    def test_only_template_editors_choose_canned_replies(self):
        signup = self.env.ref("auth_signup.set_password_email")
        ticket_model = self.env.ref("helpdesk_mgmt.model_helpdesk_ticket")
        mine = (
            self.env["mail.template"]
            .with_user(self.agent_a)
            .create({"name": "Mine", "model_id": ticket_model.id})
        )
        with self.assertRaises(AccessError):
            mine.write({"inbox_canned": True})
        with self.assertRaises(AccessError):
            signup.with_user(self.agent_a).write({"inbox_canned": True})
        editor = new_test_user(
            self.env,
            login="inbox-template-editor",
            groups="helpdesk_mgmt.group_helpdesk_user,mail.group_mail_template_editor",
        )
        mine.with_user(editor).write({"inbox_canned": True})
        self.assertTrue(mine.inbox_canned)
