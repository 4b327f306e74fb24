# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SmCase


@tagged("post_install", "-at_install")
class TestDependencyFaults(SmCase):
    """A dependency SM cannot deliver fails the record that needs it (logged with the payload,
    retried), never imports it half-linked."""

    sim_sizes = {"contacts": 60, "articles": 40, "orders": 12}

    def open_errors(self, entity):
        return self.env["sm.sync.error"].search(
            [("backend_id", "=", self.backend.id), ("entity", "=", entity), ("state", "=", "open")]
        )

    def test_503_on_a_company_never_detaches_its_people(self):
        people = {
            r["id"]: r["company_id"]
            for r in self.store.table("contacts").records.values()
            if r.get("company_id")
        }
        self.assertTrue(people)
        # the companies come last: each person's company must be fetched by id, and SM fails
        self.store.touch("contacts", sorted(set(people.values())))
        self.sim.faults.add("status", "/api/v1/contacts/", count=10000, status=503)
        run = self.sync()
        self.assertEqual(run.state, "done", run.message)
        failed = self.open_errors("contacts")
        self.assertEqual(set(failed.mapped("reference")), set(people))
        self.assertEqual(run.failed, len(people))
        self.assertIn("could not be fetched from SM", failed[0].reason)
        self.assertIn('"company_id"', failed[0].payload)
        self.assertFalse(self.partners().filtered(lambda p: p.sm_id in people))
        # SM answers again: the next run repairs every one of them, linked
        self.sim.faults.clear()
        run = self.sync()
        self.assertEqual(run.failed, 0)
        self.assertFalse(self.open_errors("contacts"))
        for person, company in people.items():
            self.assertEqual(self.partners(sm_id=person).parent_id.sm_id, company)
            self.assertFalse(self.partners(sm_id=person).sm_data_issues)

    def test_company_sm_does_not_know_is_flagged_not_failed(self):
        person = next(
            r for r in self.store.table("contacts").records.values() if r.get("company_id")
        )
        self.store.set_field("contacts", person["id"], "company_id", "C9999999")
        run = self.sync()
        self.assertEqual(run.failed, 0)
        partner = self.partners(sm_id=person["id"])
        self.assertFalse(partner.parent_id)
        self.assertIn("company C9999999 not found in SM", partner.sm_data_issues)

    def test_503_on_a_customer_fails_the_order_then_it_is_repaired(self):
        self.sim.faults.add("status", "/api/v1/contacts/", count=10000, status=503)
        run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)
        orders = self.live_ids("orders")
        self.assertEqual(run.failed, len(orders))
        errors = self.open_errors("orders")
        self.assertEqual(set(errors.mapped("reference")), orders)
        self.assertIn("could not be fetched from SM", errors[0].reason)
        self.assertFalse(self.bound_ids("orders"))
        self.sim.faults.clear()
        run = self.sync("orders")
        self.assertEqual(len(self.bound_ids("orders")), len(orders))
        self.assertFalse(self.open_errors("orders"))

    def test_kit_components_are_linked_by_code_whenever_they_arrive(self):
        """Kits fetch nothing: a component missing at import time is linked once it comes."""
        kit_code, *codes = sorted(self.live_ids("articles"))[:3]
        kit = self.store.set_field(
            "articles", kit_code, "components", [{"code": code, "qty": "1"} for code in codes]
        )
        self.env["sm.article.importer"]._import_payloads(self.backend, [kit])
        template = self.products().filtered(lambda p: p.sm_id == kit["id"])
        self.assertEqual(template.sm_kit_line_ids.mapped("component_code"), codes)
        self.assertFalse(template.sm_kit_line_ids.component_tmpl_id)
        self.sync("articles")
        template.sm_kit_line_ids.invalidate_recordset()
        self.assertEqual(template.sm_kit_line_ids.component_tmpl_id.mapped("sm_id"), codes)
