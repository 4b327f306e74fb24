# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access rights of every model, as each group, a plain internal user and two customers' portal
users; forged ids on every route and RPC method; the journal's system fields."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..helpers.crm_template import API_KEY_HEADER, CREATE_PATH, LOOKUP_PATH, REPORT_PATH
from .common import AGENT2_EXT, AGENT_EXT, API_KEY, CLIENT_SECRET, TcxCase, TcxHttpCase

START = "2026-11-20T10:00:00Z"


class SecurityUsersMixin:
    @classmethod
    def setup_outsiders(cls):
        """A plain internal user (no 3CX group) and portal users of two customers."""
        cls.employee = new_test_user(cls.env, login="tcx-employee", groups="base.group_user")
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": "Customer One", "is_company": True},
                {"name": "Customer Two", "is_company": True},
            ]
        )
        cls.portals = cls.env["res.users"]
        for index, customer in enumerate(cls.customers, start=1):
            portal = new_test_user(cls.env, login=f"tcx-portal{index}", groups="base.group_portal")
            portal.partner_id.parent_id = customer
            cls.portals |= portal


@tagged("post_install", "-at_install")
class TestAccessRights(SecurityUsersMixin, TcxCase):
    """Agents see their calls, managers all calls; PBX secrets are for administrators only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_outsiders()

    def setUp(self):
        super().setUp()
        report = self.report
        _o, self.call_a = report(
            CallType="Inbound",
            Number="+32476987654",
            Agent=AGENT_EXT,
            CallStartTimeUTC="2026-11-20T09:00:00Z",
        )
        _o, self.call_b = report(
            CallType="Inbound",
            Number="+33687654321",
            Agent=AGENT2_EXT,
            CallStartTimeUTC="2026-11-20T09:05:00Z",
        )
        _o, self.missed = report(
            CallType="Missed",
            Number="+3281223344",
            QueueExtension="880",
            CallStartTimeUTC="2026-11-20T09:10:00Z",
        )
        # the queue's callback agent; who the one rule picks depends on the modules installed
        # (with the inbox: the owner of the call's ticket), the rights are what is tested here
        self.missed.callback_user_id = self.agent2

    def test_agent_cannot_read_the_pbx_nor_its_secret(self):
        pbx = self.pbx.with_user(self.agent)
        with self.assertRaises(AccessError):
            pbx.read(["client_secret"])
        with self.assertRaises(AccessError):
            pbx.read(["name"])

    def test_manager_reads_the_pbx_but_not_the_secrets(self):
        pbx = self.pbx.with_user(self.manager)
        self.assertEqual(pbx.read(["name"])[0]["name"], "3CX under test")
        for secret in ("client_secret", "client_id", "api_key"):
            with self.subTest(secret=secret), self.assertRaises(AccessError):
                pbx.read([secret])
        self.assertNotIn("client_secret", pbx.fields_get())
        with self.assertRaises(AccessError):
            pbx.write({"base_url": "http://evil.example.com"})

    def test_admin_configures_the_pbx(self):
        pbx = self.pbx.with_user(self.admin)
        self.assertEqual(pbx.client_secret, CLIENT_SECRET)
        pbx.action_generate_api_key()
        self.assertNotEqual(pbx.api_key, "test-tcx-api-key-0123456789")

    def test_agent_sees_own_calls_and_callbacks_only(self):
        Call = self.env["tcx.call"].with_user(self.agent)
        self.assertEqual(Call.search([]), self.call_a)
        with self.assertRaises(AccessError):
            self.call_b.with_user(self.agent).read(["number"])
        # the queue's callback agent sees the missed queue call assigned to them
        self.assertEqual(
            self.env["tcx.call"].with_user(self.agent2).search([]), self.call_b | self.missed
        )

    def test_manager_sees_every_call(self):
        calls = self.env["tcx.call"].with_user(self.manager).search([])
        self.assertLessEqual(self.call_a | self.call_b | self.missed, calls)

    def test_agents_cannot_delete_the_journal(self):
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.agent).unlink()
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.manager).unlink()
        self.call_a.with_user(self.admin).unlink()

    def test_agent_cannot_forge_a_call_for_a_colleague(self):
        with self.assertRaises(AccessError):
            self.env["tcx.call"].with_user(self.agent).create(
                {
                    "direction": "outbound",
                    "status": "answered",
                    "number": "+3281223344",
                    "user_id": self.agent2.id,
                }
            )

    def test_agent_queue_read_only(self):
        self.assertEqual(self.queue.with_user(self.agent).name, "WEB")
        with self.assertRaises(AccessError):
            self.queue.with_user(self.agent).write({"user_id": self.agent.id})

    def test_extension_on_user_preferences(self):
        self.assertEqual(
            self.agent.with_user(self.agent).read(["tcx_extension"])[0]["tcx_extension"], AGENT_EXT
        )

    # every model, as every outsider: nothing --------------------------------------------------
    def test_outsiders_have_no_access_to_any_model(self):
        records = {"tcx.call": self.call_a, "tcx.pbx": self.pbx, "tcx.queue": self.queue}
        for user in self.employee | self.portals:
            for model, record in records.items():
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["display_name"])
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])
                    with self.assertRaises(AccessError):
                        record.with_user(user).write({"name": "x"} if model != "tcx.call" else {})
                        record.with_user(user).check_access("write")
                    with self.assertRaises(AccessError):
                        record.with_user(user).unlink()
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).create({"name": "x"})

    def test_outsiders_cannot_click_to_dial(self):
        for user in self.employee | self.portals:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["tcx.call"].with_user(user).tcx_click_to_dial("+32476987654")

    # every model, as each 3CX group ---------------------------------------------------------
    def test_crud_matrix_of_the_groups(self):
        """(model, operation) -> the groups allowed; every other group is refused."""
        allowed = {
            ("tcx.pbx", "read"): {"manager", "admin"},
            ("tcx.pbx", "write"): {"admin"},
            ("tcx.pbx", "unlink"): {"admin"},
            ("tcx.queue", "read"): {"agent", "manager", "admin"},
            ("tcx.queue", "write"): {"admin"},
            ("tcx.queue", "create"): {"admin"},
            ("tcx.queue", "unlink"): {"admin"},
        }
        users = {"agent": self.agent, "manager": self.manager, "admin": self.admin}
        for (model, operation), groups in allowed.items():
            for group, user in users.items():
                with self.subTest(model=model, operation=operation, group=group):
                    Model = self.env[model].with_user(user)
                    record = (self.pbx if model == "tcx.pbx" else self.queue).with_user(user)
                    if group in groups:
                        Model.check_access(operation)
                        if operation != "create":
                            record.check_access(operation)
                    else:
                        with self.assertRaises(AccessError):
                            Model.check_access(operation)
        # a second queue, created and removed by the admin
        Queue = self.env["tcx.queue"].with_user(self.admin)
        queue = Queue.create({"name": "X", "extension": "881"})
        queue.unlink()

    # the journal's system fields --------------------------------------------------------------
    def test_nobody_creates_calls_by_hand(self):
        for user in (self.agent, self.manager, self.admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["tcx.call"].with_user(user).create(
                    {
                        "direction": "inbound",
                        "status": "answered",
                        "number": "+32476987654",
                        "user_id": user.id,
                        "dedup_key": "forged",
                    }
                )

    def test_journal_fields_are_refused_to_every_user(self):
        forged = {
            "dedup_key": "forged-key",
            "status": "missed",
            "duration": 9999,
            "start_date": "2026-01-01 00:00:00",
            "number": "+3281000000",
            "number_e164": "+3281000000",
            "partner_id": self.camille.id,
            "user_id": self.agent2.id,
            "callback_state": "done",
            "company_id": self.env.company.id,
            "pbx_call_id": "forged",
        }
        for user in (self.agent, self.manager, self.admin):
            for field, value in forged.items():
                with self.subTest(user=user.login, field=field), self.assertRaises(AccessError):
                    self.call_a.with_user(user).write({field: value})
        self.assertNotEqual(self.call_a.dedup_key, "forged-key")

    def test_forged_dedup_key_cannot_swallow_the_real_report(self):
        """The reproduction: an agent copies the key of a coming report onto their call."""
        from ..helpers.call_report import dedup_key

        coming = dedup_key("+32476987654", AGENT_EXT, self.call_a.start_date.replace(hour=11))
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.agent).write({"dedup_key": coming})
        outcome, call = self.report(
            CallType="Inbound",
            Number="+32476987654",
            Agent=AGENT_EXT,
            CallStartTimeUTC="2026-11-20T11:00:00Z",
        )
        self.assertEqual(outcome, "created")
        self.assertNotEqual(call, self.call_a)

    def test_agents_keep_their_own_fields(self):
        """Reassigning a callback, notes and activities stay open to the agents."""
        missed = self.missed.with_user(self.agent2)
        missed.write({"callback_user_id": self.agent.id})
        self.assertEqual(self.missed.callback_user_id, self.agent)
        self.call_a.with_user(self.agent).write({"note": "Wants a quote for the sofa"})
        self.assertEqual(self.call_a.note, "Wants a quote for the sofa")
        self.call_a.with_user(self.agent).message_post(body="Customer wants a quote")
        self.call_a.with_user(self.agent).activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.agent.id
        )

    def test_agent_cannot_give_themselves_an_extension(self):
        """Call reports of an extension are journaled for its user: not self-service."""
        with self.assertRaises(AccessError):
            self.agent.with_user(self.agent).write({"tcx_extension": AGENT2_EXT})

    # forged ids on RPC methods ----------------------------------------------------------------
    def test_forged_ids_on_call_methods(self):
        with self.assertRaises(AccessError):
            self.call_b.with_user(self.agent).action_call_back()
        with self.assertRaises(AccessError):
            self.call_b.with_user(self.agent).action_open_partner()
        with self.assertRaises(AccessError):
            self.env["tcx.call"].with_user(self.agent).tcx_click_to_dial(
                "+32476987654", "tcx.call", self.call_b.id
            )

    def test_click_to_dial_is_no_existence_oracle(self):
        """A forged (res_model, res_id) gets one answer whether the id exists or not, and only
        models with a contact are ever looked into (the breaker probed ir.config_parameter)."""
        self.pbx.dial_mode = "tel"  # no PBX round trip: the answer is what is judged
        Call = self.env["tcx.call"].with_user(self.agent)
        missing = self.env["res.partner"].search([], order="id desc", limit=1).id + 1000
        hidden = self.env["tcx.call"].search([], order="id desc", limit=1).id + 1000
        messages = set()
        for res_model, res_id in (
            ("tcx.call", self.call_b.id),  # exists, not the agent's
            ("tcx.call", hidden),  # does not exist
            ("res.partner", missing),
            ("res.partner", "not-an-id"),
            ("res.partner", 10**30),
            ("res.partner", -1),
        ):
            with self.subTest(res_model=res_model, res_id=res_id):
                with self.assertRaises(AccessError) as caught:
                    Call.tcx_click_to_dial("+32476987654", res_model, res_id)
                messages.add(str(caught.exception))
        self.assertEqual(len(messages), 1, messages)
        # models without a contact are never browsed: same answer for any id, call not linked
        param = self.env["ir.config_parameter"].search([], limit=1)
        for res_model, res_id in (
            ("ir.config_parameter", param.id),
            ("ir.config_parameter", param.id + 10**6),
            ("tcx.pbx", self.pbx.id),
            ("tcx.pbx", self.pbx.id + 10**6),
            ("no.such.model", 1),
            ("mail.thread", 1),
        ):
            with self.subTest(res_model=res_model, res_id=res_id):
                answer = Call.tcx_click_to_dial("+32476987654", res_model, res_id)
                self.assertTrue(answer["ok"], answer)
                self.assertEqual(set(answer), {"ok", "mode", "call_id", "url", "message"})
        # a readable record still gives its contact
        answer = Call.tcx_click_to_dial("+32476987654", "tcx.call", self.call_a.id)
        call = self.env["tcx.call"].browse(answer["call_id"])
        self.assertEqual(call.partner_id, self.call_a.partner_id)

    def test_pbx_actions_are_admin_only(self):
        for user in (self.agent, self.manager):
            for action in (
                "action_generate_api_key",
                "action_test_connection",
                "action_download_template",
            ):
                with self.subTest(user=user.login, action=action), self.assertRaises(AccessError):
                    getattr(self.pbx.with_user(user), action)()
        self.assertEqual(self.pbx.api_key, API_KEY)

    def test_settings_expose_the_pbx_to_admins_only(self):
        Settings = self.env["res.config.settings"]
        self.assertIn("tcx_pbx_id", Settings.with_user(self.admin).fields_get())
        for user in (self.agent, self.manager, self.employee):
            with self.subTest(user=user.login):
                self.assertNotIn("tcx_pbx_id", Settings.with_user(user).fields_get())


@tagged("post_install", "-at_install")
class TestCompanies(TcxCase):
    """A PBX serves its company: lookups, journal links and created contacts stay in it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Retail SA"})
        cls.other_pbx = cls.env["tcx.pbx"].create(
            {
                "name": "Other 3CX",
                "base_url": "http://127.0.0.1:9",
                "api_key": "other-company-key-0123456789",
                "company_id": cls.other_company.id,
            }
        )
        cls.stranger = cls.env["res.partner"].create(
            {"name": "Other's customer", "phone": "+3281556677", "company_id": cls.other_company.id}
        )

    def test_lookup_and_journal_ignore_other_companies_contacts(self):
        info = self.env["tcx.pbx"]._tcx_authenticate(API_KEY)
        self.assertEqual(info["company_id"], self.env.company.id)
        _e164, rows = self.env["res.partner"]._tcx_lookup("+3281556677", "BE", info["company_id"])
        self.assertFalse(rows)
        _outcome, call = self.report(
            CallType="Inbound",
            Number="+3281556677",
            EntityId=str(self.stranger.id),  # forged: another company's contact
            CallStartTimeUTC=START,
        )
        self.assertFalse(call.partner_id)
        other = self.env["tcx.pbx"]._tcx_authenticate("other-company-key-0123456789")
        _e164, rows = self.env["res.partner"]._tcx_lookup("+3281556677", "BE", other["company_id"])
        self.assertEqual(rows[0]["id"], self.stranger.id)

    def test_admin_of_one_company_cannot_reach_the_others_pbx(self):
        with self.assertRaises(AccessError):
            self.other_pbx.with_user(self.admin).read(["name"])


@tagged("post_install", "-at_install")
class TestRoutesWithForgedIds(SecurityUsersMixin, TcxHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_outsiders()
        cls.other_company = cls.env["res.company"].create({"name": "Other Retail SA"})
        cls.other_pbx = cls.env["tcx.pbx"].create(
            {
                "name": "Other 3CX",
                "base_url": "http://127.0.0.1:9",
                "api_key": "other-company-key-0123456789",
                "company_id": cls.other_company.id,
            }
        )

    def test_template_route_for_every_user_and_forged_pbx_ids(self):
        for login in ("tcx-agent", "tcx-manager", "tcx-employee", "tcx-portal1", "tcx-portal2"):
            self.authenticate(login, login)
            with self.subTest(login=login):
                response = self.url_open(f"/tcx/crm/template/{self.pbx.id}")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(API_KEY.encode(), response.content)
        self.authenticate("tcx-admin", "tcx-admin")
        for pbx_id in (self.other_pbx.id, 999999, 0):
            with self.subTest(pbx_id=pbx_id):
                response = self.url_open(f"/tcx/crm/template/{pbx_id}")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"other-company-key", response.content)
        self.authenticate(None, None)
        response = self.url_open(f"/tcx/crm/template/{self.pbx.id}", allow_redirects=False)
        self.assertIn(response.status_code, (303, 302, 401, 404))
        self.assertNotIn(API_KEY.encode(), response.content)

    def test_api_routes_answer_in_the_key_company_only(self):
        stranger = self.env["res.partner"].create(
            {
                "name": "Other's customer",
                "phone": "+3281556677",
                "company_id": self.other_company.id,
            }
        )
        headers = {API_KEY_HEADER: API_KEY}
        lookup = self.url_open(LOOKUP_PATH, params={"Number": "+3281556677"}, headers=headers)
        self.assertEqual(lookup.json(), {})
        body = {"CallType": "Inbound", "Number": "+3281556677", "EntityId": str(stranger.id),
                "CallStartTimeUTC": START}  # fmt: skip
        report = self.url_open(REPORT_PATH, json=body, headers=headers)
        self.assertEqual(report.status_code, 201, report.text)
        call = self.env["tcx.call"].browse(report.json()["call_id"])
        self.assertEqual(call.company_id, self.env.company)
        self.assertFalse(call.partner_id)
        # the contact 3CX creates belongs to the PBX's company, not to every company
        created = self.url_open(
            CREATE_PATH, json={"Number": "+3281556677", "FirstName": "Nadia"}, headers=headers
        )
        self.assertEqual(created.status_code, 201, created.text)
        partner = self.env["res.partner"].browse(int(created.json()["contact"]["ContactId"]))
        self.assertNotEqual(partner, stranger)
        self.assertEqual(partner.company_id, self.env.company)
        other = {API_KEY_HEADER: "other-company-key-0123456789"}
        lookup = self.url_open(LOOKUP_PATH, params={"Number": "+3281556677"}, headers=other)
        self.assertEqual(lookup.json()["contact"]["ContactId"], str(stranger.id))
