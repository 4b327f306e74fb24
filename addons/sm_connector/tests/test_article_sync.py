# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SmCase


@tagged("post_install", "-at_install")
class TestArticleSync(SmCase):
    """SM articles → product.template: prices, categories, stock per location, kits, languages."""

    def test_initial_import(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("nl_BE")
        run = self.sync("articles")
        self.assertEqual(run.state, "done", run.message)
        live = self.store.table("articles").records
        products = self.products()
        self.assertEqual(set(products.mapped("sm_id")), set(live))
        article = next(
            r
            for r in live.values()
            if r.get("active") and r.get("stock") and not r.get("components")
        )
        product = products.filtered(lambda p: p.sm_id == article["id"])
        self.assertEqual(product.default_code, article["code"])
        self.assertAlmostEqual(product.list_price, float(article["price_incl_vat"]))
        self.assertEqual(
            product.categ_id.complete_name.split(" / ")[-len(article["category"]) :],
            article["category"],
        )
        # (taxes of other companies, e.g. from demo data, stay untouched)
        tax = product.taxes_id.filtered(lambda t: t.company_id == self.backend.company_id)
        self.assertTrue(tax.price_include)
        self.assertEqual(tax.amount, float(article["vat_rate"]))
        self.assertEqual(
            {(line.location_code, line.qty) for line in product.sm_stock_level_ids},
            {(line["location"], float(line["qty"])) for line in article["stock"]},
        )
        self.assertEqual(product.with_context(lang="fr_FR").name, article["name"]["fr"])
        self.assertEqual(product.with_context(lang="nl_BE").name, article["name"]["nl"])
        # agents find it by restock date and stock, as SM reported them
        if article.get("next_restock_date"):
            self.assertEqual(str(product.sm_next_restock_date), article["next_restock_date"])
        kit = next((r for r in live.values() if r.get("components")), None)
        if kit:
            kit_product = products.filtered(lambda p: p.sm_id == kit["id"])
            self.assertTrue(kit_product.sm_is_kit)
            self.assertEqual(
                sorted(kit_product.sm_kit_line_ids.mapped("component_code")),
                sorted(c["code"] for c in kit["components"]),
            )
            self.assertTrue(all(kit_product.sm_kit_line_ids.mapped("component_tmpl_id")))

    def test_stock_change_updates_levels_and_search(self):
        self.sync("articles")
        code = sorted(self.live_ids("articles"))[0]
        self.store.set_field("articles", code, "stock", [{"location": "NAM", "qty": "4"}])
        self.store.set_field("articles", code, "next_restock_date", "2027-01-15")
        run = self.sync("articles")
        self.assertEqual(run.updated, 1)
        product = self.products().filtered(lambda p: p.sm_id == code)
        self.assertEqual(product.sm_stock_summary, "NAM 4")
        self.assertEqual(product.sm_showroom_stock_qty, 4)
        # the lines are SM's new list, not added to the old one; the showroom is linked
        namur = self.env["sm.showroom"]._by_code()["NAM"]
        self.assertEqual(
            [
                (level.location_code, level.showroom_id, level.qty)
                for level in product.sm_stock_level_ids
            ],
            [("NAM", namur, 4.0)],
        )
        found = self.env["product.template"].search(
            [("sm_showroom_stock_qty", ">", 0), ("sm_next_restock_date", "=", "2027-01-15")]
        )
        self.assertIn(product, found)

    def test_first_run_matches_existing_product_by_code(self):
        code = sorted(self.live_ids("articles"))[3]
        existing = self.env["product.template"].create({"name": "Hand-made", "default_code": code})
        self.sync("articles")
        self.assertEqual(existing.sm_id, code)
        self.assertEqual(len(self.env["product.template"].search([("default_code", "=", code)])), 1)

    def test_inactive_article_is_archived(self):
        self.sync("articles")
        code = sorted(self.live_ids("articles"))[4]
        self.store.set_field("articles", code, "active", False)
        self.sync("articles")
        product = self.products().filtered(lambda p: p.sm_id == code)
        self.assertFalse(product.active)
