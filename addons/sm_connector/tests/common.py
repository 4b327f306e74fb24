# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared base: a real Silicon Master simulator over HTTP on localhost, and a backend on it."""

import sys
from pathlib import Path

from odoo.tests import TransactionCase, new_test_user

# The simulators live beside addons/ (never imported by product code, only by tests).
REPO_ROOT = Path(__file__).resolve().parents[3]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from simulators.silicon_master import SiliconMasterSimulator  # noqa: E402

API_KEY = "test-sm-key"


class SmCase(TransactionCase):
    """A fresh simulator per test (small dataset), a REST backend pointing at it."""

    sim_sizes = {"contacts": 60, "articles": 40, "orders": 0}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.agent = new_test_user(
            cls.env,
            login="sm-agent",
            groups="sm_connector.group_sm_agent,sales_team.group_sale_salesman",
        )
        cls.manager = new_test_user(
            cls.env, login="sm-manager", groups="sm_connector.group_sm_manager"
        )

    def setUp(self):
        super().setUp()
        self.sim = SiliconMasterSimulator(seed=11, api_key=API_KEY, **self.sim_sizes)
        self.base_url = self.sim.start()
        self.addCleanup(self.sim.stop)
        self.store = self.sim.store
        self.backend = self.env["sm.backend"].create(
            {
                "name": "SM under test",
                "base_url": self.base_url,
                "api_key": API_KEY,
                "page_size": 25,
                "timeout": 10,
                "retries": 0,
            }
        )

    # helpers -------------------------------------------------------------------
    def sync(self, entity="contacts", mode="incremental", backend=None):
        run = (backend or self.backend)._sync(entity, mode=mode)
        self.env.invalidate_all()
        return run

    def live_ids(self, entity):
        return set(self.store.table(entity).records)

    def bound_ids(self, entity):
        """Odoo ids bound by the backends of this test (demo data may hold SM records too)."""
        bindings = self.env["sm.binding"].search(
            [("backend_id", ">=", self.backend.id), ("entity", "=", entity)]
        )
        return bindings.mapped("res_id")

    def partners(self, **domain):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(
                [("id", "in", self.bound_ids("contacts"))]
                + [(k, "=", v) for k, v in domain.items()]
            )
        )

    def products(self):
        return (
            self.env["product.template"]
            .with_context(active_test=False)
            .search([("id", "in", self.bound_ids("articles"))])
        )

    def binding(self, entity, sm_id):
        return self.env["sm.binding"].search(
            [("backend_id", "=", self.backend.id), ("entity", "=", entity), ("sm_id", "=", sm_id)]
        )
