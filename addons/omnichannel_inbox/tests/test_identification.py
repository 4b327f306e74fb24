# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.tests import TransactionCase, tagged

from ..helpers.request import IntakeRequest


@tagged("post_install", "-at_install")
class TestOneIdentification(TransactionCase):
    """Customer identification, once (suite_base ``res.partner._suite_identify``): the same
    hints give the same contact through the 3CX caller-ID lookup, the inbox's intake (every
    channel) and the service itself, ambiguity rules included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Partner = cls.env["res.partner"]
        # one switchboard number shared by a company and two employees; one has it as mobile
        cls.company = Partner.create(
            {"name": "Meubles Identif SA", "is_company": True, "phone": "+32 81 77 66 55"}
        )
        cls.desk = Partner.create(
            {"name": "Desk", "parent_id": cls.company.id, "phone": "081 77 66 55"}
        )
        cls.owner = Partner.create(
            {"name": "Owner", "parent_id": cls.company.id, "mobile": "0032 81 77 66 55"}
        )
        cls.mail_person = Partner.create(
            {"name": "Anne Identif", "email": "Anne.Identif@Example.test", "phone": "0475 98 76 54"}
        )
        with sm_sync_writes():  # stands in for a synced SM customer
            cls.web_customer = Partner.create({"name": "Web Identif", "sm_id": "CUST-IDENTIF-1"})

    def via_lookup(self, phone, region="BE"):
        rows = self.env["res.partner"]._tcx_lookup(phone, region, self.env.company.id)[1]
        return self.env["res.partner"].browse(rows[0]["id"]) if rows else self.env["res.partner"]

    def via_inbox(self, **hints):
        req = IntakeRequest(
            channel="phone", company_id=self.env.company.id, received=fields.Datetime.now(), **hints
        )
        return self.env["inbox.router"]._inbox_identify(req), req

    def via_service(self, **hints):
        return self.env["res.partner"]._suite_identify(company_id=self.env.company.id, **hints)

    def test_phone_ambiguity_same_answer_everywhere(self):
        for typed in ("081 77 66 55", "+32 (0)81 77.66.55", "tel:+32-81-77-66-55"):
            with self.subTest(typed=typed):
                lookup = self.via_lookup(typed)
                inbox, req = self.via_inbox(phone=typed)
                service = self.via_service(phone=typed)
                self.assertEqual(lookup, self.owner, "own line (mobile) first")
                self.assertEqual(inbox, lookup)
                self.assertEqual(service.partner, lookup)
                self.assertEqual((req.identified_by, service.identified_by), ("phone", "phone"))

    def test_email_then_phone_then_customer_ref(self):
        inbox, req = self.via_inbox(email="ANNE.identif@example.test", phone="081 77 66 55")
        self.assertEqual((inbox, req.identified_by), (self.mail_person, "email"), "e-mail first")
        service = self.via_service(email="ANNE.identif@example.test", phone="081 77 66 55")
        self.assertEqual(service.partner, self.mail_person)
        inbox, req = self.via_inbox(
            external_user_id="CUST-IDENTIF-1", email="anne.identif@example.test"
        )
        self.assertEqual((inbox, req.identified_by), (self.web_customer, "visitor"))
        self.assertEqual(self.via_service(customer_ref="CUST-IDENTIF-1").partner, self.web_customer)

    def test_unknown_hints_identify_nobody(self):
        inbox, req = self.via_inbox(email="nobody@example.test", phone="081 00 00 01")
        self.assertFalse(inbox)
        self.assertEqual(req.phone_e164, "+3281000001", "normalised all the same")
        self.assertFalse(self.via_lookup("081 00 00 01"))
        self.assertFalse(self.via_service(email="nobody@example.test").partner)
