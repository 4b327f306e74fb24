# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, models
from odoo.tools import SQL

from ..mappers.article_mapper import (
    ArticleLookups,
    category_path,
    map_article,
    stock_levels,
    translations,
)


class SmArticleImporter(models.AbstractModel):
    """SM articles → product.template: category tree, VAT-included sales taxes, stock per
    location, kit components, names per language; first-run matching by code or EAN."""

    _name = "sm.article.importer"
    _inherit = "sm.importer"
    _description = "SM article importer"
    _sm_entity = "articles"

    @api.model
    def _prepare_lookups(self, backend, run, records, first_load=False):
        showrooms = self.env["sm.showroom"]._by_code()
        return ArticleLookups(
            category_ids=self._ensure_categories({category_path(rec) for rec in records}),
            tax_ids={
                rate: backend._sale_tax_for_rate(rate).id
                for rate in {r["vat_rate"] for r in records}
            },
            showroom_ids={code: room.id for code, room in showrooms.items() if not room.is_web},
            active_langs=frozenset(dict(self.env["res.lang"].get_installed())),
        )

    def _ensure_categories(self, paths):
        """{path: category id}, creating the missing levels of each category path."""
        Category = self.env["product.category"]
        known = {}
        for category in Category.search_fetch([], ["name", "parent_id"]):
            chain, node = [], category
            while node:
                chain.insert(0, node.name)
                node = node.parent_id
            known[tuple(chain)] = category.id
        for path in sorted(paths, key=len):
            for depth in range(1, len(path) + 1):
                prefix = path[:depth]
                if prefix not in known:
                    parent = known.get(prefix[:-1], False)
                    known[prefix] = Category.create({"name": prefix[-1], "parent_id": parent}).id
        return {path: known[path] for path in paths if path}

    @api.model
    def _map(self, record, lookups):
        vals, issues = map_article(record, lookups)
        # written for the whole chunk at once after the import (`_write_stock_levels()`)
        vals.pop("sm_stock_level_ids", None)
        return vals, issues

    def _create(self, backend, run, Model, items, counts):
        # Creating the variants (product.product) creates their templates in the same batch;
        # creating templates would write barcode/code/weight on each variant one by one
        # (template inverses), with a barcode uniqueness query per article.
        variants = self.env["product.product"].with_context(**Model.env.context)
        created = super()._create(backend, run, variants, items, counts)
        return [(variant.product_tmpl_id, record, digest) for variant, record, digest in created]

    @api.model
    def _match_existing(self, backend, records):
        """Products created in Odoo before the sync: same internal reference, else same EAN."""
        codes = {rec["code"]: rec["id"] for rec in records}
        eans = {rec["ean13"]: rec["id"] for rec in records if rec.get("ean13")}
        self.env["product.product"].flush_model(["default_code", "barcode"])
        self.env.cr.execute(
            SQL(
                "SELECT t.id, p.default_code, p.barcode FROM product_product p"
                " JOIN product_template t ON t.id = p.product_tmpl_id"
                " WHERE t.sm_id IS NULL AND (p.default_code = ANY(%s) OR p.barcode = ANY(%s))"
                " ORDER BY t.id",
                list(codes),
                list(eans),
            )
        )
        candidates = [
            (template_id, codes.get(code) or eans.get(barcode))
            for template_id, code, barcode in self.env.cr.fetchall()
        ]
        return self.env["sm.binding"]._first_unbound(self._sm_entity, candidates)

    def _after_import(self, backend, imported, lookups):
        """Stock per location, names and descriptions per language: a few statements per
        chunk."""
        self._write_stock_levels(imported, lookups)
        self._write_translations(imported)

    def _write_stock_levels(self, imported, lookups):
        """Replace the imported articles' stock lines with SM's (``stock_levels()``).

        The ORM created the lines one by one, about a third of an article's import time
        (profile of 3,000 articles); rows only SM writes (sm.stock.level is read-only in
        Odoo) need none of its logic, so two statements per chunk do it."""
        template_ids = [template.id for template, _record in imported]
        rows = [
            SQL(
                "(%s, %s, %s, %s)",
                template.id,
                level["location_code"],
                level["showroom_id"] or None,
                level["qty"],
            )
            for template, record in imported
            for level in stock_levels(record, lookups.showroom_ids)
        ]
        Level = self.env["sm.stock.level"]
        Level.flush_model()
        self.env.cr.execute(
            SQL("DELETE FROM sm_stock_level WHERE product_tmpl_id = ANY(%s)", template_ids)
        )
        if rows:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO sm_stock_level (product_tmpl_id, location_code, showroom_id, qty,"
                    " create_uid, create_date, write_uid, write_date)"
                    " SELECT v.tmpl, v.loc, v.room::integer, v.qty::numeric,"
                    " %s, now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC'"
                    " FROM (VALUES %s) AS v(tmpl, loc, room, qty)",
                    self.env.uid,
                    self.env.uid,
                    SQL(", ").join(rows),
                )
            )
        Level.invalidate_model()
        self.env["product.template"].browse(template_ids).invalidate_recordset(
            ["sm_stock_level_ids"]
        )

    def _write_translations(self, imported):
        """Names and descriptions per language, written in one statement per chunk."""
        active = frozenset(dict(self.env["res.lang"].get_installed())) - {"en_US"}
        rows = []
        for template, record in imported:
            per_lang = translations(record, active)
            names = {lang: t["name"] for lang, t in per_lang.items() if t["name"]}
            descriptions = {
                lang: t["description_sale"] for lang, t in per_lang.items() if t["description_sale"]
            }
            if names or descriptions:
                rows.append(
                    SQL(
                        "(%s, %s::jsonb, %s::jsonb)",
                        template.id,
                        json.dumps(names),
                        json.dumps(descriptions),
                    )
                )
        if not rows:
            return
        templates = self.env["product.template"]
        templates.flush_model(["name", "description_sale"])
        # The ORM writes one language per call and record; SQL merges them all at once.
        self.env.cr.execute(
            SQL(
                "UPDATE product_template t SET name = t.name || v.names,"
                " description_sale = CASE WHEN v.descriptions = '{}'::jsonb THEN t.description_sale"
                " ELSE COALESCE(t.description_sale, '{}'::jsonb) || v.descriptions END"
                " FROM (VALUES %s) AS v(id, names, descriptions) WHERE t.id = v.id",
                SQL(", ").join(rows),
            )
        )
        templates.invalidate_model(["name", "description_sale"])
