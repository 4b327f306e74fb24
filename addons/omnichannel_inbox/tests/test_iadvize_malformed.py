# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import socket
from urllib.parse import urlparse

from odoo.tests import tagged

from ..controllers.iadvize import WEBHOOK_PATH
from ..helpers.signature import HEADER, sign
from .common import PROJECT, SECRET, InboxHttpCase


@tagged("post_install", "-at_install")
class TestIAdvizeMalformedInput(InboxHttpCase):
    """Issue 10 item 7: input that gave a 500 (iAdvize retries 5xx) answers 4xx with a reason.
    Sent over a raw socket: HTTP clients refuse to send some of these headers."""

    def setUp(self):
        super().setUp()
        self.start_iadvize()
        self.cid = self.chat([("visitor", "Bonjour")])
        self.payload = self.sim.closed_event(self.cid)

    def post_raw(self, body, signature=None, extra_headers=()):
        """POST ``body`` (bytes) to the webhook; ``(status, json or None)``."""
        with self.allow_requests():  # the test server answers only requests with its cookie
            return self._post_raw(body, signature, extra_headers)

    def _post_raw(self, body, signature, extra_headers):
        url = urlparse(self.base_url())
        signature = sign(body, SECRET) if signature is None else signature
        cookies = "; ".join(f"{k}={v}" for k, v in self.opener.cookies.items())
        headers = [
            ("Host", url.netloc),
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
            (HEADER, signature),
            *extra_headers,
        ]
        if cookies:
            headers.append(("Cookie", cookies))
        head = f"POST {WEBHOOK_PATH} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
        with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
            sock.sendall(head.encode("latin-1") + b"\r\n" + body)
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        status = int(data.split(b" ", 2)[1])
        payload = data.partition(b"\r\n\r\n")[2]
        try:
            return status, json.loads(payload)
        except ValueError:
            return status, None

    def signed(self, **changes):
        return json.dumps({**self.payload, **changes}).encode()

    def assert_refused(self, result, status, error=None):
        got, body = result
        self.assertEqual(got, status, body)
        if error:
            self.assertEqual(body["error"], error)
            self.assertTrue(body["message"], "a reason")

    def test_the_valid_event_is_accepted_over_the_raw_socket(self):
        self.assert_refused(self.post_raw(self.signed()), 202)

    def test_non_ascii_signature_is_401_not_500(self):
        good = sign(self.signed(), SECRET)
        self.assert_refused(
            self.post_raw(self.signed(), signature="sha256=é" + good[8:]), 401, "invalid_signature"
        )
        self.assert_refused(
            self.post_raw(self.signed(), signature=good + "\x00"), 401, "invalid_signature"
        )

    def test_dates_overflowing_with_their_timezone_are_400(self):
        for field, value in (
            ("sentAt", "9999-12-31T23:59:59-14:00"),
            ("sentAt", "0001-01-01T00:00:00+01:00"),
            ("createdAt", "9999-12-31T23:59:59-14:00"),
            ("createdAt", "0001-01-01T00:00:00+01:00"),
        ):
            with self.subTest(field=field, value=value):
                status, body = self.post_raw(self.signed(**{field: value}))
                self.assertEqual((status, body["field"]), (400, field))

    def test_nan_and_infinity_are_400(self):
        base = json.dumps(self.payload)[:-1]
        for extra in ('"Duration": Infinity', '"Duration": NaN', '"Duration": -Infinity'):
            with self.subTest(extra=extra):
                body = f"{base}, {extra}}}".encode()
                self.assert_refused(self.post_raw(body), 400, "invalid_json")

    def test_nul_characters_in_fields_or_headers(self):
        self.assert_refused(
            self.post_raw(self.signed(conversationId="conv\u0000ersation")), 400, "invalid_json"
        )
        self.assert_refused(self.post_raw(self.signed(channel="CH\u0000AT")), 400, "invalid_json")
        # a NUL in an informative header is ignored, the event is taken
        status, body = self.post_raw(
            self.signed(), extra_headers=[("x-iadvize-delivery", "d\x001")]
        )
        self.assertEqual(status, 202, body)
        event = self.env["inbox.inbound.event"].browse(body["event"])
        self.assertFalse(event.delivery_id)

    def test_json_nested_30000_levels_is_400(self):
        deep = b'{"eventType": "v2.conversation.closed", "projectId": ' + PROJECT.encode()
        deep += b', "x": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"
        self.assert_refused(self.post_raw(deep), 400, "invalid_json")
        self.assert_refused(self.post_raw(b"[" * 30_000 + b"]" * 30_000), 400, "invalid_json")

    def test_body_that_is_not_utf8_is_400(self):
        body = json.dumps(self.payload).encode("utf-16")
        self.assert_refused(self.post_raw(body), 400, "invalid_json")
