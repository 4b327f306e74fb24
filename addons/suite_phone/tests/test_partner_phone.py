# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from .phone_forms import PHONE_FORMS


@tagged("post_install", "-at_install")
class TestPartnerPhone(TransactionCase):
    """The stored, indexed E.164 + extension of every partner phone and mobile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"].with_context(tracking_disable=True)
        cls.country = {
            code: cls.env["res.country"].search([("code", "=", code)], limit=1)
            for code in ("BE", "FR", "NL", "LU")
        }

    def test_every_typed_form_gives_the_same_stored_number(self):
        for form in PHONE_FORMS:
            with self.subTest(typed=form.typed, country=form.country):
                partner = self.Partner.create(
                    {
                        "name": f"Typed {form.typed}",
                        "phone": form.typed,
                        "mobile": form.typed,
                        "country_id": self.country[form.country].id,
                    }
                )
                self.assertEqual(partner.phone, form.typed, "what was typed stays")
                self.assertEqual(partner.phone_e164 or None, form.e164)
                self.assertEqual(partner.mobile_e164 or None, form.e164)
                extension = form.extension if form.e164 else None
                self.assertEqual(partner.phone_extension or None, extension)
                self.assertEqual(partner.mobile_extension or None, extension)
                self.assertEqual(partner.phone_unverified, form.flagged)
                self.assertEqual(bool(partner.phone_check_reason), form.flagged)
                if form.e164:
                    self.assertEqual(partner.phone_sanitized, form.e164, "Odoo's SMS key agrees")
                    found = self.Partner.search(self.Partner._phone_domain(form.e164))
                    self.assertIn(partner, found)

    def test_issue_examples(self):
        partner = self.Partner.create(
            {
                "name": "Switchboard",
                "phone": "02/511.22.33 ext. 204",
                "mobile": "02 511 22 44 poste 117",
            }
        )
        self.assertEqual((partner.phone_e164, partner.phone_extension), ("+3225112233", "204"))
        self.assertEqual((partner.mobile_e164, partner.mobile_extension), ("+3225112244", "117"))

    def test_columns_follow_edits_and_the_company_country(self):
        company = self.Partner.create(
            {"name": "Gracht BV", "is_company": True, "country_id": self.country["NL"].id}
        )
        person = self.Partner.create(
            {"name": "Anke", "parent_id": company.id, "phone": "020 123 4567"}
        )
        self.assertEqual(person.phone_e164, "+31201234567", "read with the company's country")
        person.phone = "garbage"
        self.assertFalse(person.phone_e164)
        person.write({"phone": "0400 12 34 56", "country_id": self.country["BE"].id})
        self.assertEqual(person.phone_e164, "+32400123456")
        self.assertTrue(person.phone_unverified)
        person.phone = "04 223 45 67 toestel 8"
        self.assertEqual((person.phone_e164, person.phone_extension), ("+3242234567", "8"))
        self.assertFalse(person.phone_unverified)
        self.assertEqual(person.copy().phone_e164, "+3242234567", "computed again on copy")

    def test_number_read_as_another_country_is_flagged(self):
        """The breaker's example: invalid in Belgium, read as French, flagged with a reason."""
        be = self.country["BE"]
        guess = self.Partner.create(
            {"name": "BE tenDigit", "phone": "02 54 01 22 33", "country_id": be.id}
        )
        self.assertEqual(guess.phone_e164, "+33254012233", "still recognised when it calls")
        self.assertTrue(guess.phone_unverified)
        self.assertEqual(guess.phone_check_reason, "Read as a French number: check it.")
        self.assertIn(guess, self.Partner.search([("phone_unverified", "=", True)]))
        self.env["res.lang"]._activate_lang("fr_FR")
        self.assertEqual(
            guess.with_context(lang="fr_FR").phone_check_reason,
            "Lu comme un numéro français : vérifiez-le.",
        )
        guess.phone = "+33 2 54 01 22 33"  # confirmed French: no longer a guess
        self.assertFalse(guess.phone_unverified)
        self.assertFalse(guess.phone_check_reason)
        mobile = self.Partner.create(
            {"name": "BE FR mobile", "mobile": "06 12 34 56 78", "country_id": be.id}
        )
        self.assertEqual(mobile.mobile_e164, "+33612345678")
        self.assertFalse(mobile.phone_unverified, "a French mobile is the common real case")
        stale = self.Partner.create(
            {"name": "Block", "phone": "0400 12 34 56", "country_id": be.id}
        )
        self.assertEqual(
            stale.phone_check_reason,
            "This number is outside the ranges known for its country: check it.",
        )

    def test_contact_made_from_a_number(self):
        vals = self.Partner._phone_field_vals
        self.assertEqual(vals("0475 12 34 56"), {"mobile": "+32475123456"})
        self.assertEqual(vals("02/511.22.33 ext. 204"), {"phone": "+3225112233 ext. 204"})
        self.assertEqual(vals("06 12 34 56 78", "FR"), {"mobile": "+33612345678"})
        self.assertEqual(vals("voir GSM"), {})
        partner = self.Partner.create({"name": "From a call", **vals("02 511 22 44 poste 117")})
        self.assertEqual((partner.phone_e164, partner.phone_extension), ("+3225112244", "117"))

    def test_odoo_formatting_keeps_the_extension(self):
        """phone_validation's onchange rewrites the phone internationally: nothing is lost."""
        partner = self.Partner.new(
            {"phone": "02/511.22.33 ext. 204", "country_id": self.country["BE"].id}
        )
        partner._onchange_phone_validation()
        self.assertEqual(partner.phone, "+32 2 511 22 33 ext. 204")
        partner = self.Partner.new(
            {"phone": "02 511 22 44 poste 117", "country_id": self.country["BE"].id}
        )
        partner._onchange_phone_validation()
        self.assertEqual(partner.phone, "02 511 22 44 poste 117", "left as typed, never mangled")
