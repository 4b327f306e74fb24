# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What 3CX (or anyone holding a key) may send that is not what the template sends: every
malformed input is answered 4xx with a reason over real HTTP, never 500 (3CX retries 5xx)."""

import http.client
import json
from urllib.parse import urlsplit

from odoo.tests import tagged

from ..helpers.crm_template import API_KEY_HEADER, CREATE_PATH, LOOKUP_PATH, REPORT_PATH
from .common import API_KEY, QUEUE_EXT, TcxHttpCase

START = "2026-11-20T09:15:00Z"


def report_body(**extra):
    body = {"CallType": "Missed", "Number": "+32476987654", "CallStartTimeUTC": START}
    body.update(extra)
    return body


@tagged("post_install", "-at_install")
class TestMalformedInput(TcxHttpCase):
    def post_raw(self, path, data, key=API_KEY):
        return self.url_open(
            path, data=data, headers={API_KEY_HEADER: key, "Content-Type": "application/json"}
        )

    def raw_request(self, method, path, headers, body=b""):
        """Bytes on the wire, as a buggy client would send them (requests refuses some)."""
        parts = urlsplit(self.base_url())
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
        try:
            conn.putrequest(method, path)
            for name, value in headers:
                conn.putheader(name, value)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def assert_4xx(self, response, error=None, field=None):
        self.assertTrue(400 <= response.status_code < 500, (response.status_code, response.text))
        answer = response.json()
        self.assertTrue(answer["message"])
        if error:
            self.assertEqual(answer["error"], error, answer)
        if field:
            self.assertEqual(answer["field"], field, answer)
        return answer

    def test_report_dates_whose_offset_overflows(self):
        for field, value in (
            ("CallStartTimeUTC", "9999-12-31T23:59:59-14:00"),
            ("CallEndTimeUTC", "9999-12-31T23:59:59-14:00"),
            ("CallEstablishedTimeUTC", "9999-12-31T23:59:59-12:00"),
        ):
            with self.subTest(field=field):
                response = self.post_raw(REPORT_PATH, json.dumps(report_body(**{field: value})))
                self.assert_4xx(response, "invalid_report", field)
        # .NET's "no time" with an offset is no time, not an error
        body = report_body(CallType="Inbound", CallEndTimeUTC="0001-01-01T00:00:00+01:00")
        response = self.post_raw(REPORT_PATH, json.dumps(body))
        self.assertEqual(response.status_code, 201, response.text)
        self.assertFalse(self.env["tcx.call"].browse(response.json()["call_id"]).end_date)
        start = report_body(CallStartTimeUTC="0001-01-01T00:00:00+01:00")
        self.assert_4xx(self.post_raw(REPORT_PATH, json.dumps(start)), "invalid_report")

    def test_report_dates_near_the_limits_of_time(self):
        """No 3CX call is dated 9999: such dates overflowed the click-to-dial merge window
        (outbound) and the inbox SLA (missed) with a 500; they are refused with a reason."""
        for body in (
            report_body(CallType="Outbound", Agent="101", CallStartTimeUTC="9999-12-31T23:59:30Z"),
            report_body(
                CallType="Notanswered", Agent="101", CallStartTimeUTC="9999-12-31T23:59:30Z"
            ),
            report_body(CallStartTimeUTC="9999-12-31T23:59:00Z"),
            report_body(CallStartTimeUTC="0002-01-01T00:00:00Z"),
            report_body(CallStartTimeUTC="2101-01-01T00:00:00Z"),
        ):
            with self.subTest(body=body):
                response = self.post_raw(REPORT_PATH, json.dumps(body))
                answer = self.assert_4xx(response, "invalid_report", "CallStartTimeUTC")
                self.assertEqual(response.status_code, 400)
                self.assertIn("1970-2100", answer["message"])
        self.assertFalse(self.env["tcx.call"].search([("start_date", ">", "2100-12-31")]))

    def test_lone_surrogates_in_text_fields(self):
        """``"\\ud800"`` is valid JSON but no text PostgreSQL can store: 400, not 500."""
        for field in ("Name", "Number", "Agent", "AgentEmail", "CallType"):
            body = report_body(Name="Julie", Agent="101", AgentEmail="a@example.com")
            body[field] += "\ud800"
            with self.subTest(field=field):
                response = self.post_raw(REPORT_PATH, json.dumps(body))
                self.assertEqual(response.status_code, 400, response.text)
                self.assert_4xx(response, "invalid_report", field)
        response = self.post_raw(REPORT_PATH, json.dumps(report_body(Name="\ud800")))
        self.assertEqual(response.status_code, 400, response.text)
        for body, field in (
            ({"Number": "+3224441234", "FirstName": "\ud800"}, "FirstName"),
            ({"Number": "+3224441234", "LastName": "Pee\udfffters"}, "LastName"),
            ({"Number": "+3224441234\ud800", "FirstName": "Julie"}, "Number"),
        ):
            with self.subTest(body=body):
                response = self.post_raw(CREATE_PATH, json.dumps(body))
                self.assertEqual(response.status_code, 400, response.text)
                self.assert_4xx(response, field=field)
        self.assertFalse(self.env["res.partner"].search([("phone_e164", "=", "+3224441234")]))

    def test_non_finite_numbers(self):
        for raw in ("Infinity", "-Infinity", "NaN", "1e999"):
            with self.subTest(duration=raw):
                data = json.dumps(report_body(CallType="Inbound"))[:-1] + f', "Duration": {raw}}}'
                self.assert_4xx(self.post_raw(REPORT_PATH, data))
        data = '{"Number": NaN, "FirstName": "X"}'
        self.assert_4xx(self.post_raw(CREATE_PATH, data), "invalid_json")

    def test_nul_characters_in_fields(self):
        for field in ("Number", "Name", "Agent", "CallStartTimeUTC", "CallType"):
            body = report_body(Name="Julie")
            body[field] = body.get(field, "") + "\x00"
            with self.subTest(field=field):
                self.assert_4xx(self.post_raw(REPORT_PATH, json.dumps(body)), "invalid_report")
        for body in (
            {"Number": "+3281998877\x00"},
            {"Number": "+3281998877", "FirstName": "Na\x00dia"},
            {"Number": "+3281998877", "LastName": ["Peeters"]},
        ):
            with self.subTest(body=body):
                self.assert_4xx(self.post_raw(CREATE_PATH, json.dumps(body)))
        response = self.url_open(
            LOOKUP_PATH, params={"Number": "+32476987654\x00"}, headers={API_KEY_HEADER: API_KEY}
        )
        self.assert_4xx(response, "invalid_number")
        self.assertFalse(self.env["res.partner"].search([("phone_e164", "=", "+3281998877")]))

    def test_json_nested_deeper_than_the_parser_goes(self):
        for deep in ("[" * 30000 + "]" * 30000, '{"a":' * 10000 + "1" + "}" * 10000):
            data = '{"CallType": "Missed", "Number": ' + deep + "}"
            self.assertLess(len(data), 64 * 1024)
            with self.subTest(size=len(data)):
                self.assert_4xx(self.post_raw(REPORT_PATH, data), "invalid_json")
                self.assert_4xx(self.post_raw(CREATE_PATH, data), "invalid_json")

    def test_body_not_utf8_nor_an_object(self):
        for data in (b"\xff\xfe{}", b"[]", b'"text"', b"null"):
            with self.subTest(data=data):
                self.assert_4xx(self.post_raw(REPORT_PATH, data), "invalid_json")

    def test_non_ascii_and_nul_api_key_headers(self):
        for key in ("cl\u00e9-\u00e9t\u00e9".encode("latin-1"), b"key\x00with-nul", b"\xff\xfe"):
            for method, path in (
                ("GET", f"{LOOKUP_PATH}?Number=%2B32476987654"),
                ("POST", REPORT_PATH),
                ("POST", CREATE_PATH),
            ):
                with self.subTest(key=key, path=path):
                    status, body = self.raw_request(
                        method, path, [(API_KEY_HEADER, key), ("Content-Type", "application/json")]
                    )
                    self.assertIn(status, (400, 401, 403), body)

    def test_nul_in_another_header_is_harmless(self):
        status, body = self.raw_request(
            "POST",
            REPORT_PATH,
            [
                (API_KEY_HEADER, API_KEY.encode()),
                ("Content-Type", "application/json"),
                ("X-Tcx-Comment", b"a\x00b"),
            ],
            json.dumps(report_body()).encode(),
        )
        self.assertIn(status, (200, 201, 400), body)


@tagged("post_install", "-at_install")
class TestWithheldCaller(TcxHttpCase):
    """A caller who hides their number is a real missed call: journaled, counted, replayable."""

    def test_anonymous_missed_call_is_journaled_once(self):
        for index, number in enumerate(("anonymous", "", "Anonymous", "private", "unknown")):
            start = f"2026-11-20T09:{15 + index}:00Z"
            body = report_body(Number=number, QueueExtension=QUEUE_EXT, CallStartTimeUTC=start)
            with self.subTest(number=number):
                first = self.url_open(REPORT_PATH, json=body, headers={API_KEY_HEADER: API_KEY})
                self.assertEqual(first.status_code, 201, first.text)
                again = self.url_open(REPORT_PATH, json=body, headers={API_KEY_HEADER: API_KEY})
                self.assertEqual(again.status_code, 200, again.text)
                self.assertEqual(again.json()["status"], "duplicate")
                self.assertEqual(again.json()["call_id"], first.json()["call_id"])
                call = self.env["tcx.call"].browse(first.json()["call_id"])
                self.assertRecordValues(
                    call,
                    [
                        {
                            "status": "missed",
                            "direction": "inbound",
                            "number": "anonymous",
                            "number_e164": False,
                            "partner_id": False,
                            "queue_id": self.queue.id,
                            "missed_count": 1,
                            "callback_state": False,
                        }
                    ],
                )
                self.assertFalse(call.activity_ids, "nobody can call a withheld number back")
        counts = self.env["tcx.call"]._read_group(
            [("queue_id", "=", self.queue.id)], [], ["missed_count:sum"]
        )
        self.assertEqual(counts[0][0], 5, "each withheld call counts as missed for the queue")

    def test_lookup_of_a_withheld_number_is_unknown(self):
        response = self.url_open(
            LOOKUP_PATH, params={"Number": "anonymous"}, headers={API_KEY_HEADER: API_KEY}
        )
        self.assertEqual((response.status_code, response.json()), (200, {}))
