# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SmCase


@tagged("post_install", "-at_install")
class TestDataQuality(SmCase):
    """Dirty SM data is kept and flagged; likely duplicates across SM ids are flagged on both."""

    def private_customers(self, count):
        """SM ids of private customers (no company) with an e-mail, first ones first."""
        return sorted(
            r["id"]
            for r in self.store.table("contacts").records.values()
            if not r["is_company"] and not r.get("company_id") and r.get("email")
        )[:count]

    def test_email_without_a_real_domain_is_flagged(self):
        victim = self.private_customers(1)[0]
        self.store.set_field("contacts", victim, "email", "name@example")
        self.sync()
        partner = self.partners(sm_id=victim)
        self.assertEqual(partner.email, "name@example", "kept as SM has it")
        self.assertIn("e-mail 'name@example' is not valid", partner.sm_data_issues)

    def test_emails_differing_only_by_case_are_flagged_on_both(self):
        first, second = self.private_customers(2)
        email = self.store.get("contacts", first)["email"]
        self.store.set_field("contacts", second, "email", email.upper())
        self.sync()
        one, two = self.partners(sm_id=first), self.partners(sm_id=second)
        self.assertEqual(one.sm_duplicate_ids, two)
        self.assertEqual(two.sm_duplicate_ids, one)
        self.assertIn(one, self.env["res.partner"].search([("sm_possible_duplicate", "=", True)]))
        # SM merges them (the second gets its own address): both flags go
        self.store.set_field("contacts", second, "email", "someone.else@skynet.be")
        self.sync()
        self.assertFalse(one.sm_duplicate_ids | two.sm_duplicate_ids)

    def test_same_vat_or_same_phone_across_sm_ids_is_flagged(self):
        companies = sorted(
            r["id"]
            for r in self.store.table("contacts").records.values()
            if r["is_company"] and r.get("vat")
        )[:2]
        self.assertEqual(len(companies), 2)
        self.store.set_field(
            "contacts", companies[1], "vat", self.store.get("contacts", companies[0])["vat"]
        )
        first, second = self.private_customers(2)
        self.store.set_field("contacts", first, "phone", "0032 475 12 34 56")
        self.store.set_field("contacts", second, "phone", "+32 475 12.34.56")
        self.sync()
        one, two = self.partners(sm_id=companies[0]), self.partners(sm_id=companies[1])
        self.assertEqual((one.sm_duplicate_ids, two.sm_duplicate_ids), (two, one))
        one, two = self.partners(sm_id=first), self.partners(sm_id=second)
        self.assertEqual((one.sm_duplicate_ids, two.sm_duplicate_ids), (two, one))
        # a duplicate arriving in a later run is flagged on the record already in Odoo too
        third = self.private_customers(3)[2]
        self.store.set_field("contacts", third, "phone", "+32 (0)475 123 456")
        self.sync()
        self.assertIn(self.partners(sm_id=third), one.sm_duplicate_ids)

    def test_people_of_one_company_are_no_duplicates_of_it(self):
        self.sync()
        people = self.partners().filtered(lambda p: p.parent_id and p.vat)
        self.assertTrue(people, "people inherit their company's VAT")
        self.assertFalse(people.sm_duplicate_ids)

    def test_simulator_duplicate_email_pairs_are_all_flagged(self):
        self.sim.reset(seed=11, contacts=400, articles=1, orders=0)
        pairs = self.store.dirty["contacts"]["duplicate_email"]
        self.assertTrue(pairs)
        self.backend.page_size = 100
        self.sync()
        for first, second in pairs:
            one, two = self.partners(sm_id=first), self.partners(sm_id=second)
            if one.commercial_partner_id == two.commercial_partner_id:
                continue
            self.assertIn(two, one.sm_duplicate_ids)
            self.assertIn(one, two.sm_duplicate_ids)
