# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Texts agents and customers read are in their language (issue 11, item 7), the demo's
alias domain routes mail to the teams (item 4) and the dashboard speaks the manager's
locale (item 8)."""

from datetime import timedelta

from odoo import fields
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import EMAIL, InboxCase


@tagged("post_install", "-at_install")
class TestServerTextsInTheReadersLanguage(InboxCase):
    """The teams speak French (Gand: Dutch), as the retailer's data sets them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.teams.write({"inbox_lang": "fr_BE"})
        cls.team_gan.inbox_lang = "nl_BE"
        cls.env.company.partner_id.lang = "fr_BE"
        cls.team_web.inbox_auto_ack_template_id = cls.env.ref(
            "omnichannel_inbox.mail_template_inbox_ack"
        )

    def missed_call(self, number, env=None):
        start = fields.Datetime.now() - timedelta(minutes=5)
        payload = {
            "Agent": "",
            "CallType": "Missed",
            "Number": number,
            "CallStartTimeUTC": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        info = {"id": 0, "company_id": self.env.company.id, "region": "BE", "odoo_url": ""}
        _outcome, call = (env or self.env)["tcx.call"].sudo()._tcx_log_report(payload, info)
        self.env.invalidate_all()
        return call

    def test_callback_ticket_from_3cx_is_titled_in_the_company_language(self):
        call = self.missed_call("32475123456")
        ticket = call.inbox_ticket_id
        self.assertTrue(ticket.name.startswith("Rappeler : Julie Lambert"), ticket.name)
        note = ticket.message_ids.filtered(lambda m: m.inbox_channel_id == self.channel("phone"))
        self.assertIn("Appel manqué", note.body)

    def test_ticket_title_written_in_a_french_agent_session(self):
        self.env.company.partner_id.lang = "nl_BE"  # not the company's: the agent's
        self.agent_a.lang = "fr_BE"
        agent_env = self.env(user=self.agent_a, context={"lang": "fr_BE"})
        title = (
            agent_env["tcx.call"]
            .new({"direction": "inbound", "status": "missed", "number": "+32475123456"})
            ._inbox_request()
            .subject
        )
        self.assertTrue(title.startswith("Rappeler : "), title)

    def test_dedup_note_in_the_team_language(self):
        first = self.email("Ma commande", sender="julie.lambert@client.test")
        self.email("Autre question", sender="julie.lambert@client.test")
        notes = first.message_ids.filtered(lambda m: "ajoutée à ce ticket" in (m.body or ""))
        self.assertTrue(notes, first.message_ids.mapped("body"))

    def test_acknowledgement_to_an_unknown_french_sender(self):
        ticket = self.email(
            "Livraison de ma table",
            sender="claire.dubois@exemple.be",
            sender_name="Claire Dubois",
        )
        ack = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertEqual(len(ack), 1)
        self.assertIn("Nous avons bien reçu votre message", ack.subject)
        self.assertIn("Bonjour", ack.body)
        contact = self.env["res.partner"].search([("email", "=", "claire.dubois@exemple.be")])
        self.assertEqual(contact.name, "Claire Dubois", "named after the person, not the address")
        self.assertEqual(contact.lang, "fr_BE")

    def test_acknowledgement_in_the_sm_language_of_a_known_customer(self):
        with sm_sync_writes():  # stands for the SM sync binding Julie to her SM record
            self.julie.write({"sm_id": "C-TEST-NL", "lang": "nl_BE"})
        ticket = self.email("Levering", sender="julie.lambert@client.test")
        ack = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertEqual(ticket.inbox_reply_lang, "nl_BE")
        self.assertNotIn("Nous avons", ack.subject)
        self.assertNotIn("We received", ack.subject)


@tagged("post_install", "-at_install")
class TestDemoAliasDomain(TransactionCase):
    """The demo ships an alias domain: a mail to a team's alias opens a ticket there."""

    def test_mail_to_a_team_alias_of_the_demo_domain_becomes_a_ticket(self):
        company = self.env.ref("base.main_company")
        domain = company.alias_domain_id
        self.assertEqual(domain.name, "maison-mosane.example")
        team = self.env.ref("omnichannel_inbox.team_lie")
        self.assertEqual(team.alias_id.alias_domain_id, domain)
        raw = EMAIL.format(
            sender="marie.pirard@exemple.be",
            sender_name="Marie Pirard",
            to=f"liege@{domain.name}",
            subject="Question sur ma commande",
            msg_id="demo-alias-test@example.com",
            extra="",
            body="Bonjour",
        )
        ticket_id = self.env["mail.thread"].message_process(None, raw)
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        self.assertEqual(ticket._name, "helpdesk.ticket")
        self.assertEqual(ticket.team_id, team)

    def test_teams_speak_their_customers_language(self):
        self.assertEqual(self.env.ref("omnichannel_inbox.team_lie").inbox_lang, "fr_BE")
        self.assertEqual(self.env.ref("omnichannel_inbox.team_gan").inbox_lang, "nl_BE")


@tagged("post_install", "-at_install")
class TestDashboardLocale(HttpCase):
    """The dashboard's counts and percentages in the manager's language."""

    def test_plurals_and_numbers_in_french(self):
        self.env.ref("base.user_admin").lang = "fr_BE"
        code = r"""
        const m = odoo.loader.modules.get("@omnichannel_inbox/dashboard/inbox_dashboard");
        const proto = m.InboxDashboard.prototype;
        const checks = [
            [proto.answeredLabel(1), "1 ticket répondu"],
            [proto.answeredLabel(0), "0 ticket répondu"],
            [proto.answeredLabel(14), "14 tickets répondus"],
            [proto.percent(14.3), "14,3 %"],
            [proto.number(2.5), "2,5"],
        ];
        // French spacing uses (narrow) no-break spaces
        const norm = (text) => String(text).replace(/\s/g, " ");
        const wrong = checks.filter(([got, want]) => norm(got) !== want);
        if (wrong.length) {
            console.error("dashboard texts: " + JSON.stringify(wrong));
        } else {
            console.log("test successful");
        }
        """
        self.browser_js("/odoo", code, ready="odoo.isReady", login="admin")
