# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import tempfile

import requests

from odoo.tests import tagged

from .common import API_KEY, SmCase

PARTNER_FIELDS = (
    "name",
    "is_company",
    "vat",
    "street",
    "zip",
    "city",
    "email",
    "phone",
    "mobile",
    "lang",
    "sm_segment",
)
PRODUCT_FIELDS = (
    "name",
    "default_code",
    "barcode",
    "list_price",
    "standard_price",
    "sm_stock_summary",
    "sm_next_restock_date",
    "active",
)


class _Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestFileImport(SmCase):
    """SM's CSV (cp1252, ';', decimal comma) and XLSX exports give the same Odoo data as REST."""

    def setUp(self):
        super().setUp()
        self.folder = tempfile.mkdtemp(prefix="sm-exports-")
        self.file_backend = self.env["sm.backend"].create(
            {"name": "SM files", "transport": "file", "export_folder": self.folder, "page_size": 25}
        )

    def _export(self, fmt, encoding="cp1252", entities=("contacts", "articles")):
        answer = requests.post(
            f"{self.base_url}/_sim/export",
            json={
                "dir": self.folder,
                "format": fmt,
                "encoding": encoding,
                "entities": list(entities),
            },
            headers={"X-SM-Api-Key": API_KEY},
            timeout=30,
        )
        answer.raise_for_status()

    def _snapshot(self):
        partners = {
            p.sm_id: tuple(p[f] for f in PARTNER_FIELDS) + (p.parent_id.sm_id, p.country_id.code)
            for p in self.partners()
        }
        products = {
            p.sm_id: tuple(p[f] for f in PRODUCT_FIELDS) + (p.categ_id.complete_name,)
            for p in self.products()
        }
        return partners, products

    def _rest_snapshot(self):
        """What the REST transport imports, then rolled back."""
        try:
            with self.env.cr.savepoint():
                self.sync("contacts")
                self.sync("articles")
                snapshot = self._snapshot()
                raise _Rollback
        except _Rollback:
            self.env.invalidate_all()
        return snapshot

    def _assert_files_equal_rest(self, fmt, encoding="cp1252"):
        expected = self._rest_snapshot()
        self.assertFalse(self.partners())
        self._export(fmt, encoding)
        for entity in ("contacts", "articles"):
            run = self.sync(entity, backend=self.file_backend)
            self.assertEqual(run.state, "done", run.message)
            self.assertEqual(run.failed, 0, run.error_ids.mapped("reason"))
        got = self._snapshot()
        for index, kind in enumerate(("contacts", "articles")):
            differing = {
                k: (expected[index].get(k), got[index].get(k))
                for k in set(expected[index]) | set(got[index])
                if expected[index].get(k) != got[index].get(k)
            }
            self.assertFalse(differing, f"{kind} differ between REST and {fmt}")
        done = os.listdir(os.path.join(self.folder, "done"))
        self.assertEqual(len([n for n in done if n.endswith(".report.txt")]), 2)
        self.assertFalse([n for n in os.listdir(self.folder) if n.endswith(f".{fmt}")])

    def test_csv_cp1252_equals_rest(self):
        self._assert_files_equal_rest("csv", "cp1252")

    def test_csv_utf8_bom_equals_rest(self):
        self._assert_files_equal_rest("csv", "utf-8-sig")

    def test_xlsx_equals_rest(self):
        self._assert_files_equal_rest("xlsx")

    def test_each_file_processed_once(self):
        self._export("csv", entities=("contacts",))
        first = self.sync("contacts", backend=self.file_backend)
        second = self.sync("contacts", backend=self.file_backend)
        self.assertEqual(first.created, len(self.live_ids("contacts")))
        self.assertEqual(second.processed, 0)

    def test_unusable_file_goes_to_failed_with_a_report(self):
        with open(
            os.path.join(self.folder, "contacts_20261120083000.csv"), "w", encoding="utf-8"
        ) as handle:
            handle.write("foo;bar\n1;2\n")
        run = self.sync("contacts", backend=self.file_backend)
        self.assertEqual(run.failed, 1)
        failed = os.path.join(self.folder, "failed")
        self.assertIn("contacts_20261120083000.csv", os.listdir(failed))
        with open(
            os.path.join(failed, "contacts_20261120083000.csv.report.txt"), encoding="utf-8"
        ) as report:
            self.assertIn("lacks columns", report.read())

    def test_bad_row_is_logged_and_the_file_still_imported(self):
        self._export("csv", entities=("contacts",))
        name = next(n for n in os.listdir(self.folder) if n.startswith("contacts_"))
        path = os.path.join(self.folder, name)
        with open(path, encoding="cp1252") as handle:
            lines = handle.read().splitlines()
        header = lines[0].split(";")
        cells = lines[1].split(";")
        cells[header.index("updated_at")] = "32/13/2026 99:99:99"
        lines[1] = ";".join(cells)
        with open(path, "w", encoding="cp1252") as handle:
            handle.write("\n".join(lines) + "\n")
        run = self.sync("contacts", backend=self.file_backend)
        self.assertEqual(run.failed, 1)
        self.assertEqual(run.created, len(self.live_ids("contacts")) - 1)
        error = self.env["sm.sync.error"].search([("backend_id", "=", self.file_backend.id)])
        self.assertIn("updated_at", error.reason)
