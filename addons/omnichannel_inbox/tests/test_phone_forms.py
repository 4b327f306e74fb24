# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.addons.suite_phone.tests.phone_forms import PHONE_FORMS
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..helpers.request import IntakeRequest


@tagged("post_install", "-at_install")
class TestPhoneFormsEverywhere(TransactionCase):
    """One table of typed numbers, the same E.164 and extension through every path that
    reads a number: (a) the SM contact sync, (b) the 3CX caller-ID lookup and call journal,
    (c) the inbox's identification. All of them call suite_phone's one normaliser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.backend = cls.env["sm.backend"].create(
            {"name": "SM phone forms", "base_url": "http://127.0.0.1:9", "api_key": "k"}
        )
        numbers = sorted({form.e164 for form in PHONE_FORMS if form.e164})
        # demo contacts sharing a number of the table would win the lookup: out of the way
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "UPDATE res_partner SET active = FALSE"
                " WHERE phone_e164 = ANY(%(n)s) OR mobile_e164 = ANY(%(n)s)",
                n=numbers,
            )
        )
        cls.env.invalidate_all()

    def sync_contact(self, index, form):
        """(a) The contact as SM sends it, through the real importer."""
        payload = {
            "id": f"CPHONE{index:04d}",
            "kind": "customer",
            "is_company": False,
            "company_id": None,
            "name": f"Phone form {index}",
            "country": form.country,
            "phone": form.typed,
            "lang": "fr",
            "segment": "B2C",
            "updated_at": "2026-11-20T10:11:12Z",
        }
        counts = self.env["sm.contact.importer"]._import_payloads(self.backend, [payload])
        self.assertEqual(counts.get("failed", 0), 0, counts)
        self.env.invalidate_all()
        return self.env["res.partner"].search([("sm_id", "=", payload["id"])])

    def test_the_same_number_through_sync_lookup_and_inbox(self):
        Partner = self.env["res.partner"]
        for index, form in enumerate(PHONE_FORMS):
            with self.subTest(typed=form.typed, country=form.country):
                savepoint = self.env.cr.savepoint()
                try:
                    self.check_form(Partner, index, form)
                finally:
                    savepoint.close(rollback=True)
                    self.env.invalidate_all()

    def check_form(self, Partner, index, form):
        extension = form.extension if form.e164 else None
        # (a) SM sync: stored normalised (kept as received when unreadable), flagged if dirty
        partner = self.sync_contact(index, form)
        self.assertEqual(len(partner), 1)
        self.assertEqual(partner.phone_e164 or None, form.e164)
        self.assertEqual(partner.phone_extension or None, extension)
        if form.e164 is None:
            self.assertEqual(partner.phone, " ".join(form.typed.split()), "kept as received")
        if form.e164 is None or not form.valid:
            self.assertIn("phone", partner.sm_data_issues or "")
        # (b) 3CX: caller-ID lookup with the PBX in the contact's country, then the journal
        e164, rows = Partner._tcx_lookup(form.typed, form.country, self.env.company.id)
        self.assertEqual(e164, form.e164)
        if form.e164:
            self.assertEqual(rows[0]["id"], partner.id)
            self.assertEqual(rows[0]["phone_extension"] or None, extension)
            info = {"id": 0, "company_id": self.env.company.id, "region": form.country}
            call = self.env["tcx.call"]._tcx_log_report(
                {
                    "CallType": "Missed",
                    "Number": form.typed,
                    "Agent": "",
                    "CallStartTimeUTC": f"2026-11-23T09:{index % 60:02d}:00Z",
                },
                info,
            )[1]
            self.assertEqual((call.number_e164, call.partner_id), (form.e164, partner))
        else:
            self.assertEqual(rows, [])
        # (c) the inbox: a chat visitor or caller giving the number as typed
        req = IntakeRequest(
            channel="chat",
            company_id=self.env.company.id,
            received=fields.Datetime.now(),
            phone=form.typed,
            region=form.country,
        )
        found = self.env["inbox.router"]._inbox_identify(req)
        self.assertEqual(req.phone_e164 or None, form.e164)
        self.assertEqual(req.phone_extension or None, extension)
        if form.e164:
            self.assertEqual((found, req.identified_by), (partner, "phone"))
            self.assertEqual(req.sender_key, f"phone:{form.e164}")
        else:
            self.assertFalse(found)

    def test_contact_created_from_a_ticket_keeps_the_extension(self):
        """The unknown-sender wizard: suggestions by phone, new contact with its extension."""
        known = self.env["res.partner"].create({"name": "Standard SA", "phone": "+32 2 511 22 44"})
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Rappel", "description": "x", "inbox_phone": "02 511 22 44 poste 117"}
        )
        wizard = self.env["inbox.link.partner.wizard"].create({"ticket_id": ticket.id})
        self.assertIn(known, wizard.suggestion_ids, "suggested by the number, extension aside")
        wizard.write({"mode": "create", "name": "Nina Poste"})
        wizard.action_apply()
        partner = ticket.partner_id
        self.assertEqual(partner.phone, "+3225112244 ext. 117")
        self.assertEqual((partner.phone_e164, partner.phone_extension), ("+3225112244", "117"))
