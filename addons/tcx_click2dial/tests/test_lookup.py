# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

# One Belgian mobile and one French mobile, each as people type it in Odoo and as 3CX may
# send it (3CX "Plus" prefix, "Off" prefix, a + decoded as a space in a query string...).
BE_FORMATS = (
    "+32476987654",
    "+32 476 98 76 54",
    "+32 (0)476 98 76 54",
    "+32-476-98-76-54",
    "0032476987654",
    "0032 476 98 76 54",
    "0476 98 76 54",
    "0476/98.76.54",
    "0476.98.76.54",
    "(0476) 98 76 54",
    "32476987654",
    " 32476987654",
    "tel:+32476987654",
)
FR_FORMATS = (
    "+33687654321",
    "+33 6 87 65 43 21",
    "+33 (0)6 87 65 43 21",
    "0033687654321",
    "0033 6 87 65 43 21",
    "06 87 65 43 21",
    "06.87.65.43.21",
    "06-87-65-43-21",
    "33687654321",
    " 33687654321",
    "0687654321",
    "tel:+33687654321",
)


@tagged("post_install", "-at_install")
class TestLookup(TransactionCase):
    """The caller-ID lookup on the stored E.164 columns: any spelling on either side."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.be, cls.fr = cls.env.ref("base.be"), cls.env.ref("base.fr")
        cls.Partner = cls.env["res.partner"].with_context(tracking_disable=True)

    def lookup(self, number, region="BE"):
        return self.Partner._tcx_lookup(number, region)[1]

    def best(self, number):
        rows = self.lookup(number)
        return rows[0]["id"] if rows else None

    def test_every_typed_format_found_by_every_sent_format(self):
        # stored as typed (country from the contact), looked up as sent: 13 x 13 + 12 x 12
        for typed_formats, country, e164 in (
            (BE_FORMATS, self.be, "+32476987654"),
            (FR_FORMATS, self.fr, "+33687654321"),
        ):
            for typed in typed_formats:
                partner = self.Partner.create(
                    {"name": f"Typed {typed}", "mobile": typed, "country_id": country.id}
                )
                self.assertEqual(partner.mobile_e164, e164, typed)
                for sent in typed_formats:
                    with self.subTest(typed=typed, sent=sent):
                        self.assertEqual(self.best(sent), partner.id)
                partner.active = False

    def test_contact_without_country_is_read_as_belgian(self):
        partner = self.Partner.create({"name": "No country", "phone": "081 22 33 44"})
        self.assertEqual(partner.phone_e164, "+3281223344")
        self.assertEqual(self.best("+32 81 22 33 44"), partner.id)

    def test_french_number_typed_on_a_contact_without_country(self):
        partner = self.Partner.create({"name": "Sans pays", "mobile": "06 11 22 33 44"})
        self.assertEqual(partner.mobile_e164, "+33611223344", "not valid in BE, valid in FR")

    def test_e164_follows_edits(self):
        partner = self.Partner.create({"name": "Edits", "phone": "0476 11 22 33"})
        partner.phone = "garbage"
        self.assertFalse(partner.phone_e164)
        self.assertIsNone(self.best("+32476112233"))
        partner.write({"phone": "06 11 22 33 55", "country_id": self.fr.id})
        self.assertEqual(partner.phone_e164, "+33611223355")

    def test_unknown_and_invalid_numbers(self):
        self.assertEqual(self.Partner._tcx_lookup("+32 81 99 88 77"), ("+3281998877", []))
        self.assertEqual(self.Partner._tcx_lookup("anonymous"), (None, []))

    def test_one_query_whatever_the_matches(self):
        company = self.Partner.create({"name": "Q SA", "is_company": True, "phone": "+3242998800"})
        for i in range(5):
            self.Partner.create(
                {"name": f"Q {i}", "parent_id": company.id, "phone": "04 299 88 00"}
            )
        self.env.flush_all()
        with self.assertQueryCount(1):
            rows = self.lookup("+32 4 299 88 00")
        self.assertEqual(len(rows), 6)
        self.assertEqual(rows[0]["id"], company.id)

    # ambiguity ---------------------------------------------------------------------------
    def test_company_wins_over_people_sharing_its_switchboard(self):
        company = self.Partner.create(
            {"name": "Shared SA", "is_company": True, "phone": "+32 4 299 11 11"}
        )
        person = self.Partner.create(
            {"name": "Employee", "parent_id": company.id, "phone": "04 299 11 11"}
        )
        self.assertEqual(self.best("+3242991111"), company.id)
        self.assertNotEqual(self.best("+3242991111"), person.id)

    def test_person_on_own_line_wins_over_company(self):
        company = self.Partner.create(
            {"name": "Line SA", "is_company": True, "phone": "+32 4 299 22 22"}
        )
        person = self.Partner.create(
            {
                "name": "Direct",
                "parent_id": company.id,
                "phone": "04 299 22 22",
                "mobile": "0476 22 22 22",
            }
        )
        other_company = self.Partner.create(
            {"name": "Reseller SPRL", "is_company": True, "phone": "0476 22 22 22"}
        )
        self.assertEqual(self.best("+32476222222"), person.id, "exact: the person's own mobile")
        self.assertNotEqual(self.best("+32476222222"), other_company.id)

    def test_private_people_sharing_a_number_most_recent_activity_wins(self):
        first = self.Partner.create({"name": "Home A", "phone": "081 33 33 33"})
        second = self.Partner.create({"name": "Home B", "phone": "081 33 33 33"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = now() - interval '1 day' WHERE id IN %s",
            [(first.id, second.id)],
        )
        self.env.invalidate_all()
        self.env["tcx.call"].create(
            {
                "direction": "inbound",
                "status": "answered",
                "number": "+3281333333",
                "partner_id": first.id,
                "start_date": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        self.assertEqual(self.best("+3281333333"), first.id, "called an hour ago")
        rows = self.lookup("+3281333333")
        self.assertEqual([row["id"] for row in rows], [first.id, second.id], "never 'no match'")

    def test_archived_and_other_company_contacts_are_ignored(self):
        archived = self.Partner.create({"name": "Gone", "phone": "081 44 44 44"})
        archived.active = False
        other = self.env["res.company"].create({"name": "Other retail"})
        self.Partner.create({"name": "Elsewhere", "phone": "081 44 44 44", "company_id": other.id})
        e164, rows = self.Partner._tcx_lookup("081 44 44 44", "BE", self.env.company.id)
        self.assertEqual((e164, rows), ("+3281444444", []))
