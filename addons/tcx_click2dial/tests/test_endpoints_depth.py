# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.tests import tagged

from ..helpers.crm_template import API_KEY_HEADER, CHAT_PATH, EMAIL_PATH, SEARCH_PATH
from .common import AGENT2_EXT, AGENT_EXT, QUEUE_EXT, TcxHttpCase

START = datetime(2026, 11, 20, 9, 15, 0)


@tagged("post_install", "-at_install")
class TestThreeCXDepth(TcxHttpCase):
    """LookupByEmail, SearchContacts, ReportChat and the richer ReportCall, played by the
    simulator's driver from the template Odoo generates, over HTTP."""

    def chat(self, **kwargs):
        from simulators.threecx import ChatSpec

        return ChatSpec(**kwargs)

    def test_lookup_by_email(self):
        run = self.driver.lookup_email("Julie@Lejeune.example.com")
        self.assertEqual(run.status, 200, run.answer)
        self.assertEqual(run.outputs["EntityId"], str(self.julie.id))
        self.assertEqual(run.outputs["CompanyName"], "Salons Lejeune SA")
        # the ContactUrl opens the customer's 360, as for a phone lookup
        self.assertEqual(
            run.outputs["ContactUrl"], f"{self.base_url()}/odoo/{self.julie.id}/customer-360"
        )
        unknown = self.driver.lookup_email("nobody@example.com")
        self.assertEqual((unknown.status, unknown.answer, unknown.outputs), (200, {}, None))
        bad = self.url_open(
            EMAIL_PATH,
            params={"Email": "not-an-address"},
            headers={API_KEY_HEADER: "test-tcx-api-key-0123456789"},
        )
        self.assertEqual((bad.status_code, bad.json()["error"]), (400, "invalid_email"))

    def test_search_contacts_from_the_client(self):
        run = self.driver.search("Lejeune")
        self.assertEqual(run.status, 200, run.answer)
        ids = [contact["EntityId"] for contact in run.contacts]
        # the company first, then its people; every match is an output set 3CX shows
        self.assertEqual(ids, [str(self.company.id), str(self.julie.id)])
        by_number = self.driver.search("06 87 65 43 21")
        self.assertEqual([c["EntityId"] for c in by_number.contacts], [str(self.camille.id)])
        # part of a number, in another spelling than the one stored (0476 98 76 54)
        part = self.driver.search("476.98.76")
        self.assertEqual([c["EntityId"] for c in part.contacts], [str(self.julie.id)])
        national = self.driver.search("0476 98")
        self.assertEqual([c["EntityId"] for c in national.contacts], [str(self.julie.id)])
        # part of an e-mail address
        by_email = self.driver.search("julie@lejeune.exa")
        self.assertEqual([c["EntityId"] for c in by_email.contacts], [str(self.julie.id)])
        self.assertEqual(self.driver.search("J").contacts, [])  # too short: nothing
        self.assertEqual(self.driver.search("%%").contacts, [])  # not a wildcard: nobody
        self.assertEqual(self.driver.search("__").contacts, [])
        other_company = self.env["res.company"].create({"name": "Autre société"})
        self.env["res.partner"].create({"name": "Lejeune Hidden", "company_id": other_company.id})
        self.assertNotIn(
            "Lejeune Hidden",
            [c["LastName"] for c in self.driver.search("Lejeune").contacts],
            "a contact of another company is not the PBX's to show",
        )

    def test_report_chat_is_journaled_like_a_call(self):
        spec = self.chat(
            number="+32 476 98 76 54",
            agent=AGENT_EXT,
            start=START,
            messages=(("Julie", "Où en est ma commande ?"), ("Alice", "Elle part demain.")),
        )
        run = self.driver.report_chat(spec)
        self.assertEqual(run.status, 201, run.answer)
        entry = self.env["tcx.call"].browse(run.answer["call_id"])
        self.assertEqual(
            (entry.media, entry.partner_id, entry.user_id, entry.status, entry.direction),
            ("chat", self.julie, self.agent, "answered", "inbound"),
        )
        self.assertIn("Elle part demain.", entry.transcription)
        self.assertEqual(entry.duration, 240)
        self.assertTrue(entry.name.startswith("Chat with"))
        note = self.julie.message_ids[:1]
        self.assertIn("Chat with Alice Agent (2 messages)", note.body)
        again = self.driver.report_chat(spec)
        self.assertEqual((again.status, again.answer["status"]), (200, "duplicate"))
        self.assertEqual(again.answer["call_id"], entry.id)

    def test_report_chat_keeps_our_contact_id_and_the_queue_as_a_call_does(self):
        # the contact id the lookup gave wins over the number, as for a call report
        spec = self.chat(
            number="+32 476 98 76 54",
            queue=QUEUE_EXT,
            start=START,
            entity_id=str(self.camille.id),
            messages=(("Camille", "Bonjour"),),
        )
        run = self.driver.report_chat(spec)
        self.assertEqual(run.status, 201, run.answer)
        entry = self.env["tcx.call"].browse(run.answer["call_id"])
        self.assertEqual(
            (entry.partner_id, entry.queue_id, entry.queue_extension, entry.source),
            (self.camille, self.queue, QUEUE_EXT, "report"),
        )
        # another company's contact id is not the PBX's: the number identifies the customer
        other = self.env["res.partner"].create(
            {"name": "Ailleurs", "company_id": self.env["res.company"].create({"name": "X"}).id}
        )
        spec = self.chat(
            number="+32 476 98 76 54",
            start=START + timedelta(minutes=5),
            entity_id=str(other.id),
            messages=(("Julie", "Re-bonjour"),),
        )
        run = self.driver.report_chat(spec)
        self.assertEqual(run.status, 201, run.answer)
        entry = self.env["tcx.call"].browse(run.answer["call_id"])
        self.assertEqual((entry.partner_id, entry.queue_id), (self.julie, self.queue.browse()))

    def test_report_chat_by_email_only(self):
        spec = self.chat(email="julie@lejeune.example.com", start=START, messages=(("J", "Hi"),))
        run = self.driver.report_chat(spec)
        self.assertEqual(run.status, 201, run.answer)
        entry = self.env["tcx.call"].browse(run.answer["call_id"])
        self.assertEqual((entry.partner_id, entry.email), (self.julie, "julie@lejeune.example.com"))
        refused = self.url_open(
            CHAT_PATH,
            json={"ChatStartTimeUTC": "2026-11-20T09:15:00Z"},
            headers={API_KEY_HEADER: "test-tcx-api-key-0123456789"},
        )
        self.assertEqual((refused.status_code, refused.json()["field"]), (400, "Number"))

    def test_new_endpoints_refuse_without_a_valid_key(self):
        for key, status in ((None, 401), ("wrong-key", 403)):
            headers = {API_KEY_HEADER: key} if key else {}
            for response in (
                self.url_open(
                    EMAIL_PATH, params={"Email": "julie@lejeune.example.com"}, headers=headers
                ),
                self.url_open(SEARCH_PATH, params={"SearchText": "Lejeune"}, headers=headers),
                self.url_open(CHAT_PATH, json={"Number": "+32476987654"}, headers=headers),
            ):
                with self.subTest(key=key, url=response.url):
                    self.assertEqual(response.status_code, status)
                    self.assertNotIn("Lejeune", response.text)
        self.assertFalse(self.env["tcx.call"].search([("media", "=", "chat")]))

    def test_recording_transcription_and_summary_are_kept(self):
        spec = self.call_spec(
            "+32476987654",
            "Inbound",
            agent=AGENT_EXT,
            start=START,
            recording_url="https://pbx.example.be/recordings/0042.wav",
            transcription="Bonjour, je voudrais savoir où en est ma commande.",
            summary="La cliente demande le statut de sa commande.",
        )
        run = self.driver.report_call(spec)
        self.assertEqual(run.status, 201, run.answer)
        call = self.env["tcx.call"].browse(run.answer["call_id"])
        self.assertEqual(call.recording_url, "https://pbx.example.be/recordings/0042.wav")
        self.assertIn("où en est ma commande", call.transcription)
        self.assertEqual(call.summary, "La cliente demande le statut de sa commande.")
        body = self.julie.message_ids[:1].body
        self.assertIn('href="https://pbx.example.be/recordings/0042.wav"', body)
        self.assertIn("La cliente demande le statut", body)

    def test_missed_reason_filter_and_connect_rate(self):
        # the suite's demo data holds calls too: only this test's calls are counted
        before = [("id", "not in", self.env["tcx.call"].search([]).ids)]
        report = self.driver.report_call
        report(self.call_spec("+32476987654", "Missed", queue=QUEUE_EXT, start=START))
        report(self.call_spec("+33687654321", "Missed", start=START + timedelta(minutes=1)))
        report(
            self.call_spec(
                "+32476987654", "Inbound", agent=AGENT_EXT, start=START + timedelta(minutes=2)
            )
        )
        report(
            self.call_spec(
                "+32476987654", "Missed", agent=AGENT_EXT, start=START + timedelta(minutes=3)
            )
        )
        report(
            self.call_spec(
                "+33687654321", "Outbound", agent=AGENT2_EXT, start=START + timedelta(minutes=4)
            )
        )
        report(
            self.call_spec(
                "+33687654321", "Notanswered", agent=AGENT2_EXT, start=START + timedelta(minutes=5)
            )
        )
        Call = self.env["tcx.call"].with_user(self.manager)
        abandoned = Call.search([("missed_reason", "=", "queue_abandoned"), *before])
        self.assertEqual(abandoned.mapped("queue_extension"), [QUEUE_EXT])
        self.assertEqual(len(Call.search([("missed_reason", "=", "no_agent"), *before])), 1)
        # the dashboard's search view offers the filters
        search = Call.get_view(view_type="search")["arch"]
        self.assertIn("missed_queue_abandoned", search)
        self.assertIn("missed_outside_hours", search)
        action = self.env.ref("tcx_click2dial.action_tcx_call_connect_rate")
        rates = dict(
            Call._read_group(
                [
                    ("status", "!=", "requested"),
                    ("media", "=", "call"),
                    ("user_id", "!=", False),
                    *before,
                ],
                ["user_id"],
                ["connected:avg"],
            )
        )
        self.assertEqual(rates[self.agent], 50.0)  # one taken, one missed
        self.assertEqual(rates[self.agent2], 50.0)  # one picked up, one not
        self.assertIn("('media', '=', 'call')", action.domain)
