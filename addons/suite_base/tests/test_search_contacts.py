# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestSearchContacts(TransactionCase):
    """``res.partner._suite_search_domain``: what a typed text finds, and that each part of
    the search is served by an index (the SQL the ORM writes matches the index)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.lea = Partner.create(
            {"name": "Léa Vandamme", "email": "lea.vdm@meubles.example", "phone": "081 22 33 44"}
        )
        cls.tom = Partner.create({"name": "Tom 100% Bois", "mobile": "+33 6 12 34 56 78"})

    def find(self, text):
        domain = self.env["res.partner"]._suite_search_domain(text, "BE")
        return self.env["res.partner"].search(domain + [("id", "in", (self.lea | self.tom).ids)])

    def test_name_email_and_numbers(self):
        self.assertEqual(self.find("vandam"), self.lea)
        self.assertEqual(self.find("VDM@meubles"), self.lea)
        self.assertEqual(self.find("22 33"), self.lea, "part of the number, any spelling")
        self.assertEqual(self.find("+32 81 22 33 44"), self.lea, "the whole number")
        self.assertEqual(self.find("06 12 34"), self.tom, "a French mobile, national prefix")
        self.assertEqual(self.find("100%"), self.tom, "% typed is a character")
        self.assertFalse(self.find("100_Bois"), "_ typed is a character")

    def test_wildcards_and_backslash_typed_are_plain_characters(self):
        # each text finds more (Léa, Tom) if it reaches LIKE as a pattern
        slash = self.env["res.partner"].create({"name": "Atelier A\\B"})
        Partner = self.env["res.partner"]

        def find(text):
            domain = Partner._suite_search_domain(text, "BE")
            return Partner.search(domain + [("id", "in", (self.lea | self.tom | slash).ids)])

        self.assertEqual(find("%"), self.tom, "% alone is not 'anything'")
        self.assertEqual(find("m 1"), self.tom)
        self.assertFalse(find("m_1"), "_ is not 'any character'")
        self.assertFalse(find("Va_damme"))
        self.assertEqual(find("A\\B"), slash, "a backslash is a character")
        self.assertFalse(find("\\%"), "a backslash does not escape what follows")

    def test_every_part_uses_an_index(self):
        if not self.env.registry.has_trigram:
            self.skipTest("no pg_trgm in this database: the search scans")
        domain = self.env["res.partner"]._suite_search_domain("0475 12 34", "BE")
        query = self.env["res.partner"]._search(domain)
        # a tiny test table is cheaper to scan: forbid it, so the plan shows the indexes
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertNotIn("Seq Scan", plan)
        # name and e-mail substrings only a trigram index can serve
        self.assertIn("res_partner_suite_complete_name_trgm", plan)
        self.assertIn("res_partner_suite_email_trgm", plan)
        # a number: its trigram index, or — when the column holds few numbers, as in a fresh
        # test database — the planner may walk the column's small partial btree instead
        for column in ("phone_e164", "mobile_e164"):
            self.assertTrue(
                f"res_partner_suite_{column}_trgm" in plan
                or f"res_partner__{column}_index" in plan,
                f"no index serves {column}:\n{plan}",
            )
