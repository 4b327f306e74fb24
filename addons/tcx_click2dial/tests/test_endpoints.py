# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import odoo.sql_db
from odoo.tests import tagged

from ..helpers.crm_template import (
    API_KEY_HEADER,
    CHAT_PATH,
    CREATE_PATH,
    EMAIL_PATH,
    LOOKUP_PATH,
    REPORT_PATH,
    SEARCH_PATH,
)
from ..models.tcx_call_callback import TcxCall as TcxCallCallback
from .common import AGENT_EXT, API_KEY, CallSpec, TcxHttpCase, ThreeCXDriver
from .test_lookup import BE_FORMATS, FR_FORMATS


@tagged("post_install", "-at_install")
class TestThreeCXEndpoints(TcxHttpCase):
    """3CX's side played by the simulator's driver over HTTP, from the template Odoo serves."""

    def get(self, path, key=API_KEY, **params):
        headers = {API_KEY_HEADER: key} if key is not None else {}
        return self.url_open(path, params=params, headers=headers)

    def post(self, path, body, key=API_KEY):
        headers = {API_KEY_HEADER: key} if key is not None else {}
        return self.url_open(path, json=body, headers=headers)

    def test_lookup_answers_the_contact_for_every_format(self):
        for formats, partner in ((BE_FORMATS, self.julie), (FR_FORMATS, self.camille)):
            for number in formats:
                with self.subTest(number=number):
                    run = self.driver.lookup(number)
                    self.assertEqual(run.status, 200, run.answer)
                    self.assertEqual(run.outputs["EntityId"], str(partner.id))
        run = self.driver.lookup("+32 476 98 76 54")
        self.assertEqual(
            run.outputs,
            {
                "EntityId": str(self.julie.id),
                "FirstName": "Julie",
                "LastName": "Lejeune",
                "CompanyName": "Salons Lejeune SA",
                "Email": "julie@lejeune.example.com",
                "PhoneBusiness": "+3242998877",
                "PhoneMobile": "+32476987654",
                "ContactUrl": f"{self.base_url()}/odoo/{self.julie.id}/customer-360",
                "EntityType": "Contacts",
            },
        )

    def test_lookup_request_costs_one_query(self):
        self.get(LOOKUP_PATH, Number="+32476987654")  # warm: routing map, key table, base URL
        self.env.flush_all()
        before = odoo.sql_db.sql_counter
        response = self.get(LOOKUP_PATH, Number="0476 98 76 54")
        queries = odoo.sql_db.sql_counter - before
        self.assertEqual(response.json()["contact"]["ContactId"], str(self.julie.id))
        self.assertLessEqual(queries, 2, "the whole HTTP request, key check included")

    def test_lookup_ambiguity_and_unknown(self):
        run = self.driver.lookup("+3242998877")  # the company's switchboard, Julie shares it
        self.assertEqual(run.outputs["EntityId"], str(self.company.id))
        self.assertEqual(run.outputs["CompanyName"], "Salons Lejeune SA")
        self.assertEqual((run.outputs["FirstName"], run.outputs["LastName"]), ("", ""))
        unknown = self.driver.lookup("+3281998877")
        self.assertEqual((unknown.status, unknown.answer, unknown.outputs), (200, {}, None))

    def test_auth_failures_leak_nothing(self):
        cases = (
            (None, 401, "missing_api_key"),
            ("", 401, "missing_api_key"),
            ("wrong-key", 403, "invalid_api_key"),
            (API_KEY[:-1], 403, "invalid_api_key"),
        )
        for key, status, error in cases:
            for response in (
                self.get(LOOKUP_PATH, key=key, Number="+32476987654"),
                self.post(REPORT_PATH, {"CallType": "Inbound", "Number": "+32476987654"}, key=key),
                self.post(CREATE_PATH, {"Number": "+3281998877"}, key=key),
            ):
                with self.subTest(key=key, url=response.url):
                    self.assertEqual(response.status_code, status)
                    self.assertEqual(set(response.json()), {"error", "message"})
                    self.assertEqual(response.json()["error"], error)
                    self.assertNotIn("Lejeune", response.text)
        self.assertEqual(
            self.get(LOOKUP_PATH, key=None).headers.get("WWW-Authenticate"),
            f'ApiKey header="{API_KEY_HEADER}"',
        )
        self.assertFalse(self.env["tcx.call"].search([("number_e164", "=", "+32476987654")]))
        self.assertFalse(self.env["res.partner"].search([("phone_e164", "=", "+3281998877")]))

    def test_archived_pbx_key_is_refused(self):
        self.pbx.action_archive()
        self.assertEqual(self.get(LOOKUP_PATH, Number="+32476987654").status_code, 403)

    def test_bad_input(self):
        self.assertEqual(self.get(LOOKUP_PATH).json()["error"], "missing_number")
        self.assertEqual(self.get(LOOKUP_PATH, Number="x" * 80).status_code, 400)
        response = self.url_open(REPORT_PATH, data=b"not json", headers={API_KEY_HEADER: API_KEY})
        self.assertEqual((response.status_code, response.json()["error"]), (400, "invalid_json"))
        response = self.post(REPORT_PATH, {"CallType": "Inbound", "Number": "+32476987654"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["field"], "CallStartTimeUTC")
        response = self.url_open(REPORT_PATH, headers={API_KEY_HEADER: API_KEY})  # GET
        self.assertEqual(response.status_code, 405)

    def test_each_endpoint_takes_its_verb_only_and_keeps_no_session(self):
        headers = {API_KEY_HEADER: API_KEY}
        for path in (LOOKUP_PATH, EMAIL_PATH, SEARCH_PATH):
            response = self.url_open(path, data=b"{}", headers=headers)  # POST
            self.assertEqual(response.status_code, 405, path)
        for path in (REPORT_PATH, CHAT_PATH, CREATE_PATH):
            self.assertEqual(self.url_open(path, headers=headers).status_code, 405, path)
        for response in (
            self.get(LOOKUP_PATH, Number="+32476987654"),
            self.post(REPORT_PATH, {"CallType": "Inbound", "Number": "+32476987654"}),
        ):
            self.assertNotIn("session_id", response.headers.get("Set-Cookie", ""))

    def test_report_call_through_the_template_is_idempotent(self):
        spec = CallSpec(
            "+32476987654",
            "Inbound",
            agent=AGENT_EXT,
            name="Julie",
            entity_id=str(self.julie.id),
            talk_seconds=125,
        )
        first = self.driver.report_call(spec)
        self.assertEqual(first.status, 201, first.answer)
        self.assertEqual(first.body["CallStartTimeUTC"], spec.start.strftime("%Y-%m-%dT%H:%M:%SZ"))
        again = self.driver.report_call(spec)
        self.assertEqual((again.status, again.answer["status"]), (200, "duplicate"))
        self.assertEqual(again.answer["call_id"], first.answer["call_id"])
        call = self.env["tcx.call"].browse(first.answer["call_id"])
        self.assertRecordValues(
            call,
            [
                {
                    "partner_id": self.julie.id,
                    "user_id": self.agent.id,
                    "status": "answered",
                    "duration": 125,
                    "call_type": "Inbound",
                    "start_date": spec.start,
                }
            ],
        )
        self.assertTrue(call.answer_date)

    def test_missed_call_activity_then_callback_closes_it(self):
        start = CallSpec("+33687654321").start - timedelta(minutes=30)
        run = self.driver.report_call(CallSpec("+33687654321", "Missed", queue="880", start=start))
        self.assertEqual(run.status, 201, run.answer)
        missed = self.env["tcx.call"].browse(run.answer["call_id"])
        self.assertEqual((missed.status, missed.callback_state), ("missed", "todo"))
        self.assertEqual(
            TcxCallCallback._tcx_callback_assignee(missed), self.agent2, "the WEB queue's agent"
        )
        task = missed._tcx_callback_activities()
        self.assertEqual(task.user_id, missed.callback_user_id, "one task, one person")
        # the one rule's pick depends on the modules installed (the inbox: the ticket's owner)
        missed.callback_user_id = self.agent2
        self.assertEqual(task.user_id, self.agent2, "the task follows its callback")
        answer = missed.with_user(self.agent2).action_call_back()
        self.assertEqual(answer["params"]["type"], "success")
        self.assertEqual(self.sim.calls[-1]["dn"], "202")
        self.assertEqual(self.sim.calls[-1]["destination"], "+33687654321")
        self.assertEqual(missed.callback_state, "done")
        self.assertFalse(missed._tcx_callback_activities())
        self.assertAlmostEqual(missed.callback_delay, 0.5, delta=0.1)
        # 3CX then reports the callback itself: it completes the click-to-dial call
        callback = missed.callback_ids
        run = self.driver.report_call(
            CallSpec(
                "+33687654321",
                "Outbound",
                agent="202",
                start=callback.start_date + timedelta(seconds=2),
            )
        )
        self.assertEqual((run.status, run.answer["status"]), (200, "updated"))
        self.assertEqual(callback.status, "answered")

    def test_create_contact_from_the_3cx_client(self):
        run = self.driver.create_contact("+3281998877", "Nadia", "Peeters")
        self.assertEqual(run.status, 201, run.answer)
        partner = self.env["res.partner"].browse(int(run.outputs["EntityId"]))
        self.assertEqual((partner.name, partner.phone_e164), ("Nadia Peeters", "+3281998877"))
        self.assertEqual((run.outputs["FirstName"], run.outputs["LastName"]), ("Nadia", "Peeters"))
        again = self.driver.create_contact("081 99 88 77", "Nadia", "Peeters")
        self.assertEqual((again.status, again.answer["created"]), (200, False))
        self.assertEqual(again.outputs["EntityId"], str(partner.id))
        mobile = self.driver.create_contact("0478 11 22 33")
        self.assertEqual(
            self.env["res.partner"].browse(int(mobile.outputs["EntityId"])).mobile, "+32478112233"
        )
        self.pbx.allow_contact_creation = False
        refused = self.post(CREATE_PATH, {"Number": "+3281998866", "FirstName": "X"})
        self.assertEqual(
            (refused.status_code, refused.json()["error"]), (403, "contact_creation_disabled")
        )

    def test_template_download_for_admins_only(self):
        self.authenticate("tcx-admin", "tcx-admin")
        response = self.url_open(f"/tcx/crm/template/{self.pbx.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        xml = response.content
        self.assertIn(f'Default="{API_KEY}"'.encode(), xml)
        self.assertIn(f'Default="{self.base_url()}"'.encode(), xml)
        # the downloaded template drives 3CX's requests end to end
        driver = ThreeCXDriver(self.base_url(), API_KEY, template=xml, session=self.opener)
        self.assertEqual(driver.lookup("0476 98 76 54").outputs["EntityId"], str(self.julie.id))
        self.authenticate("tcx-agent", "tcx-agent")
        self.assertEqual(self.url_open(f"/tcx/crm/template/{self.pbx.id}").status_code, 404)
