# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AGENT_EXT, TcxCase


@tagged("post_install", "-at_install")
class TestClickToDial(TcxCase):
    """Click-to-dial against the 3CX simulator over HTTP: request shape, token, every error."""

    def test_makecall_request_shape(self):
        answer = self.dial("0476 98 76 54", record=self.julie)
        self.assertTrue(answer["ok"], answer)
        self.assertEqual(answer["mode"], "api")
        self.assertIn("+32 476 98 76 54", answer["message"])
        self.assertEqual(len(self.sim.calls), 1)
        made = self.sim.calls[0]
        # POST /callcontrol/{dn}/makecall {"destination": E.164}, Bearer token from /connect/token
        self.assertEqual(made["dn"], AGENT_EXT)
        self.assertEqual(made["body"], {"destination": "+32476987654"})
        self.assertTrue(made["token"])
        call = self.env["tcx.call"].browse(answer["call_id"])
        self.assertRecordValues(
            call,
            [
                {
                    "direction": "outbound",
                    "status": "requested",
                    "source": "click2dial",
                    "number_e164": "+32476987654",
                    "partner_id": self.julie.id,
                    "user_id": self.agent.id,
                    "extension": AGENT_EXT,
                    "pbx_call_id": "1001",
                }
            ],
        )

    def test_french_contact_number_read_in_contact_country(self):
        answer = self.dial("06 87 65 43 21", record=self.camille)
        self.assertTrue(answer["ok"], answer)
        self.assertEqual(self.sim.calls[0]["body"]["destination"], "+33687654321")

    def test_national_format_with_outside_prefix(self):
        self.pbx.write({"dial_format": "national", "outside_prefix": "0"})
        self.dial("+32 476 98 76 54")
        self.dial("06 87 65 43 21", record=self.camille)
        destinations = [call["destination"] for call in self.sim.calls]
        self.assertEqual(destinations, ["00476987654", "00033687654321"])

    def test_token_cached_then_renewed_on_401(self):
        self.dial("0476 98 76 54")
        self.dial("0476 98 76 54")
        self.assertEqual(self.sim.state.tokens_issued, 1, "the token is reused until it expires")
        self.sim.expire_tokens()  # 3CX restarted: our cached token is refused with a 401
        answer = self.dial("0476 98 76 54")
        self.assertTrue(answer["ok"], answer)
        self.assertEqual(self.sim.state.tokens_issued, 2, "one new token after the 401")
        self.assertEqual(len(self.sim.calls), 3)
        self.assertNotEqual(self.sim.calls[0]["token"], self.sim.calls[2]["token"])

    def test_token_renewed_when_expired(self):
        self.start_pbx(token_ttl=1)
        self.dial("0476 98 76 54")
        time.sleep(1.2)
        self.dial("0476 98 76 54")
        self.assertEqual(self.sim.state.tokens_issued, 2)
        self.assertEqual(len(self.sim.rejected), 0, "renewed before use, no 401 needed")

    def test_refused_fresh_token_is_an_auth_error(self):
        self.sim.faults.add("status", "/callcontrol", count=2, status=401)
        answer = self.dial("0476 98 76 54")
        self.assertFalse(answer["ok"])
        self.assertIn("refused Odoo's API credentials", answer["message"])
        self.assertEqual(self.sim.state.tokens_issued, 2)

    def test_bad_credentials(self):
        self.pbx.client_secret = "wrong"
        answer = self.dial("0476 98 76 54")
        self.assertFalse(answer["ok"])
        self.assertIn("refused Odoo's API credentials", answer["message"])
        self.assertIn("invalid_client", answer["message"])
        call = self.env["tcx.call"].browse(answer["call_id"])
        self.assertEqual(call.status, "failed", "a failed call is journaled too")
        self.assertEqual(call.error_message, answer["message"])
        self.assertFalse(self.sim.calls)

    def test_unknown_extension_refused_with_reason(self):
        self.start_pbx(extensions=[AGENT_EXT])
        answer = self.dial("0476 98 76 54", user=self.agent2)
        self.assertFalse(answer["ok"])
        self.assertEqual(answer["message"], "3CX refused the call: DN 202 not found")

    def test_phone_not_registered_refused_with_reason(self):
        self.sim.set_offline(AGENT_EXT)
        answer = self.dial("0476 98 76 54")
        self.assertFalse(answer["ok"])
        self.assertIn("Extension 201 has no registered phone", answer["message"])

    def test_pbx_unreachable(self):
        self.sim.stop()
        answer = self.dial("0476 98 76 54")
        self.assertFalse(answer["ok"])
        self.assertIn("cannot be reached", answer["message"])

    def test_pbx_server_error(self):
        self.sim.faults.add("status", "/callcontrol", status=503)
        answer = self.dial("0476 98 76 54")
        self.assertFalse(answer["ok"])
        self.assertIn("cannot be reached (3CX answered HTTP 503)", answer["message"])
        self.assertFalse(self.sim.calls)

    def test_truncated_answer(self):
        self.sim.faults.add("truncated", "/callcontrol")
        answer = self.dial("0476 98 76 54")
        self.assertFalse(answer["ok"])
        self.assertIn("answer Odoo cannot read", answer["message"])

    def test_pbx_timeout_is_not_retried(self):
        self.sim.faults.add("timeout", "/callcontrol", seconds=12)
        answer = self.dial("0476 98 76 54")
        self.assertFalse(answer["ok"])
        self.assertIn("no answer from", answer["message"])
        self.assertFalse(self.sim.calls, "makecall is not retried: the phone may be ringing")
        self.assertEqual(self.sim.httpd.requests_served, 2, "one token request, one makecall")

    def test_no_extension(self):
        self.agent.tcx_extension = False
        with self.assertRaisesRegex(UserError, "You have no 3CX extension"):
            self.dial("0476 98 76 54")
        self.assertFalse(self.sim.calls)

    def test_invalid_number(self):
        for number in ("voir GSM", "04 12", "", "0476 98 76 54 99 99"):
            with (
                self.subTest(number=number),
                self.assertRaisesRegex(UserError, "not a valid phone number"),
            ):
                self.dial(number)
        self.assertFalse(self.sim.calls)

    def test_no_pbx_configured(self):
        self.pbx.action_archive()
        with self.assertRaisesRegex(UserError, "No 3CX phone system is configured"):
            self.dial("0476 98 76 54")

    def test_only_agents_dial(self):
        clerk = new_test_user(self.env, login="tcx-clerk", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.dial("0476 98 76 54", user=clerk)

    def test_web_client_and_tel_modes(self):
        self.pbx.dial_mode = "webclient"
        answer = self.dial("0476 98 76 54")
        self.assertEqual(answer["url"], f"{self.sim_url}/webclient/#/call?phone=%2B32476987654")
        self.pbx.write({"dial_mode": "tel"})
        self.agent.tcx_extension = False  # not needed without the API
        answer = self.dial("06 87 65 43 21", record=self.camille)
        self.assertEqual(answer["url"], "tel:+33687654321")
        self.assertFalse(self.sim.calls, "no server-side call in these modes")
        calls = self.env["tcx.call"].search([("user_id", "=", self.agent.id)])
        self.assertEqual(calls.mapped("status"), ["requested", "requested"])

    def test_translated_messages(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["tcx_click2dial"], ["fr_FR"], overwrite=True
        )
        self.agent.lang = "fr_FR"
        self.agent.tcx_extension = False
        with self.assertRaises(UserError) as caught:
            self.dial("0476 98 76 54")
        self.assertIn("extension 3CX", str(caught.exception))
