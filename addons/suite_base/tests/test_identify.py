# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestIdentify(TransactionCase):
    """``res.partner._suite_identify``: exact e-mail before phone, phone in any spelling with
    the ambiguity ranking, hints normalised even when nobody matches."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company = Partner.create(
            {"name": "Base Identif SA", "is_company": True, "phone": "+32 81 55 44 33"}
        )
        cls.employee = Partner.create(
            {"name": "Employee", "parent_id": cls.company.id, "phone": "081 55 44 33"}
        )
        cls.anne = Partner.create({"name": "Anne", "email": "anne.base@example.test"})

    def identify(self, **hints):
        return self.env["res.partner"]._suite_identify(company_id=self.env.company.id, **hints)

    def test_email_first_then_phone(self):
        found = self.identify(email="Anne <ANNE.base@example.test>", phone="081 55 44 33")
        self.assertEqual((found.partner, found.identified_by), (self.anne, "email"))
        found = self.identify(phone="0032 81 55 44 33 ext. 12")
        self.assertEqual((found.partner, found.identified_by), (self.company, "phone"))
        self.assertEqual((found.phone_e164, found.phone_extension), ("+3281554433", "12"))
        ranked = [row["id"] for row in found.candidates][:2]
        self.assertEqual(ranked, [self.company.id, self.employee.id])

    def test_normalise_only_and_nobody(self):
        found = self.identify(email="ANNE.base@example.test", phone="081 55 44 33", lookup=False)
        self.assertFalse(found.partner)
        self.assertEqual(
            (found.email_normalized, found.phone_e164), ("anne.base@example.test", "+3281554433")
        )
        self.assertFalse(self.identify(email="nobody@example.test").partner)
