# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared base: a real 3CX simulator over HTTP on localhost, a PBX on it, agents, contacts."""

import sys
from pathlib import Path

from odoo.tests import HttpCase, TransactionCase, new_test_user

from ..adapters.call_control import TOKENS

# The simulators live beside addons/ (never imported by product code, only by tests).
REPO_ROOT = Path(__file__).resolve().parents[3]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from simulators.threecx import CallSpec, ThreeCXDriver, ThreeCXSimulator  # noqa: E402

CLIENT_ID = "odoo-test"
CLIENT_SECRET = "test-secret-value"
API_KEY = "test-tcx-api-key-0123456789"
AGENT_EXT = "201"
AGENT2_EXT = "202"
QUEUE_EXT = "880"


class TcxMixin:
    """Users, contacts and a PBX; the simulator is started per test by :meth:`start_pbx`."""

    sim_extensions = (AGENT_EXT, AGENT2_EXT)
    token_ttl = 3600

    @classmethod
    def setup_tcx(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.agent = new_test_user(
            cls.env, login="tcx-agent", name="Alice Agent", groups="tcx_click2dial.group_tcx_agent"
        )
        cls.agent.tcx_extension = AGENT_EXT
        cls.agent2 = new_test_user(
            cls.env, login="tcx-agent2", name="Bob Agent", groups="tcx_click2dial.group_tcx_agent"
        )
        cls.agent2.tcx_extension = AGENT2_EXT
        cls.manager = new_test_user(
            cls.env,
            login="tcx-manager",
            name="Mia Manager",
            groups="tcx_click2dial.group_tcx_manager",
        )
        cls.admin = new_test_user(
            cls.env, login="tcx-admin", name="Ada Admin", groups="tcx_click2dial.group_tcx_admin"
        )
        cls.env["tcx.pbx"].search([]).action_archive()
        cls.pbx = cls.env["tcx.pbx"].create(
            {
                "name": "3CX under test",
                "base_url": "http://127.0.0.1:9",  # replaced by the simulator's URL per test
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "api_key": API_KEY,
                "dial_mode": "api",
                "timeout": 10,
                "allow_contact_creation": True,
            }
        )
        cls.queue = cls.env["tcx.queue"].create(
            {"name": "WEB", "extension": QUEUE_EXT, "pbx_id": cls.pbx.id, "user_id": cls.agent2.id}
        )
        be, fr = cls.env.ref("base.be"), cls.env.ref("base.fr")
        Partner = cls.env["res.partner"]
        cls.company = Partner.create(
            {
                "name": "Salons Lejeune SA",
                "is_company": True,
                "country_id": be.id,
                "phone": "+32 (0)4 299 88 77",
            }
        )
        cls.julie = Partner.create(
            {
                "name": "Julie Lejeune",
                "parent_id": cls.company.id,
                "country_id": be.id,
                "phone": "04/299.88.77",
                "mobile": "0476 98 76 54",
                "email": "julie@lejeune.example.com",
            }
        )
        cls.camille = Partner.create(
            {
                "name": "Camille Durand",
                "country_id": fr.id,
                "mobile": "06 87 65 43 21",
                "city": "Paris",
            }
        )

    def start_pbx(self, **options):
        """A fresh simulated PBX for this test; the PBX record points at it."""
        TOKENS.clear()
        self.addCleanup(TOKENS.clear)
        params = {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "extensions": self.sim_extensions,
            "token_ttl": self.token_ttl,
        }
        params.update(options)
        self.sim = ThreeCXSimulator(**params)
        self.sim_url = self.sim.start()
        self.addCleanup(self.sim.stop)
        self.pbx.base_url = self.sim_url
        return self.sim

    def dial(self, number, user=None, record=None):
        """Click-to-dial as ``user`` (default: the agent) from ``record`` (a contact...)."""
        user = user or self.agent
        Call = (
            self.env["tcx.call"].with_user(user).with_context(lang=user.lang)
        )  # as the web client
        if record is not None:
            return Call.tcx_click_to_dial(number, record._name, record.id)
        return Call.tcx_click_to_dial(number)

    def report(self, **fields):
        """Journal a ReportCall body through the model (as the endpoint does)."""
        info = self.env["tcx.pbx"]._tcx_authenticate(API_KEY)
        return self.env["tcx.call"].sudo()._tcx_log_report(fields, info)


class TcxCase(TcxMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_tcx()

    def setUp(self):
        super().setUp()
        self.start_pbx()


class TcxHttpCase(TcxMixin, HttpCase):
    """Odoo's HTTP server runs: 3CX's requests go through the real endpoints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_tcx()

    def setUp(self):
        super().setUp()
        self.start_pbx()
        self.driver = ThreeCXDriver(self.base_url(), API_KEY, session=self.opener, timeout=20)

    def call_spec(self, number, call_type="Inbound", **kwargs):
        return CallSpec(number, call_type, **kwargs)
