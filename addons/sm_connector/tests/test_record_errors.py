# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import tempfile

import requests

from odoo.tests import tagged

from .common import API_KEY, SmCase


@tagged("post_install", "-at_install")
class TestRecordErrors(SmCase):
    """A record error follows SM's current version of the record: Retry reads it, a later good
    version resolves the error by itself, and a failing record counts once per run."""

    def error(self, sm_id, backend=None):
        return self.env["sm.sync.error"].search(
            [("backend_id", "=", (backend or self.backend).id), ("reference", "=", sm_id)]
        )

    def test_retry_reads_sm_current_version(self):
        victim = sorted(self.live_ids("contacts"))[12]
        self.store.set_field("contacts", victim, "lang", "de")
        self.sync()
        error = self.error(victim)
        self.assertEqual(error.state, "open")
        self.store.set_field("contacts", victim, "lang", "fr")  # SM fixes the record
        error.with_user(self.manager).action_retry()
        self.assertEqual(error.state, "resolved")
        self.assertTrue(self.partners(sm_id=victim))
        self.assertEqual(error.attempts, 1, "a successful retry is no failed attempt")

    def test_retry_of_a_record_gone_from_sm_resolves_it(self):
        victim = sorted(self.live_ids("contacts"))[12]
        self.store.set_field("contacts", victim, "lang", "de")
        self.sync()
        self.store.delete("contacts", [victim])
        error = self.error(victim)
        error.action_retry()
        self.assertEqual(error.state, "resolved")
        self.assertIn("gone from SM", error.reason)

    def test_later_good_version_resolves_the_error_by_itself(self):
        self.sync()
        victim = sorted(self.live_ids("contacts"))[10]
        kind = self.store.get("contacts", victim)["kind"]
        self.store.set_field("contacts", victim, "kind", "prospect")
        self.sync()
        error = self.error(victim)
        self.assertEqual(error.state, "open")
        # SM puts the record back as Odoo already holds it: nothing to write, nothing wrong
        self.store.set_field("contacts", victim, "kind", kind)
        run = self.sync()
        self.assertEqual(run.failed, 0)
        self.assertEqual(error.state, "resolved")

    def test_failing_record_counts_once_per_run_and_one_attempt_per_run(self):
        victims = sorted(self.live_ids("contacts"))[10:17]
        for sm_id in victims:
            self.store.set_field("contacts", sm_id, "lang", "de")
        run = self.sync()
        self.assertEqual(run.failed, 7)
        errors = self.env["sm.sync.error"].search([("reference", "in", victims)])
        self.assertEqual(errors.mapped("attempts"), [1] * 7)
        # still wrong, and touched in SM: the page brings them again, the retry would too
        self.store.touch("contacts", victims)
        run = self.sync()
        self.assertEqual(run.failed, 7)
        self.assertEqual(errors.mapped("attempts"), [2] * 7)
        self.assertEqual(set(errors.mapped("run_id")), {run})
        # not touched: only the retry tries them
        run = self.sync()
        self.assertEqual(run.failed, 7)
        self.assertEqual(errors.mapped("attempts"), [3] * 7)


@tagged("post_install", "-at_install")
class TestFileRecordErrors(SmCase):
    """The same rules for SM's export files."""

    def setUp(self):
        super().setUp()
        self.folder = tempfile.mkdtemp(prefix="sm-exports-")
        self.file_backend = self.env["sm.backend"].create(
            {"name": "SM files", "transport": "file", "export_folder": self.folder, "page_size": 25}
        )

    def export(self):
        answer = requests.post(
            f"{self.base_url}/_sim/export",
            json={
                "dir": self.folder,
                "format": "csv",
                "encoding": "cp1252",
                "entities": ["contacts"],
            },
            headers={"X-SM-Api-Key": API_KEY},
            timeout=30,
        )
        answer.raise_for_status()
        return [os.path.basename(path) for path in answer.json()["files"]]

    def report(self, file_name):
        with open(
            os.path.join(self.folder, "done", f"{file_name}.report.txt"), encoding="utf-8"
        ) as handle:
            return dict(line.split(": ") for line in handle.read().splitlines())

    def test_run_and_file_report_agree_and_a_later_export_resolves(self):
        victims = sorted(self.live_ids("contacts"))[10:17]
        for sm_id in victims:
            self.store.set_field("contacts", sm_id, "lang", "de")
        files = self.export()
        run = self.sync(backend=self.file_backend)
        self.assertEqual((run.failed, self.report(files[0])["failed"]), (7, "7"))
        errors = self.env["sm.sync.error"].search(
            [("backend_id", "=", self.file_backend.id), ("reference", "in", victims)]
        )
        self.assertEqual(len(errors), 7)
        # the next export still carries them: counted once, one attempt more
        files = self.export()
        run = self.sync(backend=self.file_backend)
        self.assertEqual((run.failed, self.report(files[0])["failed"]), (7, "7"))
        self.assertEqual(errors.mapped("attempts"), [2] * 7)
        # SM fixes them: the next export resolves every error by itself
        for sm_id in victims:
            self.store.set_field("contacts", sm_id, "lang", "fr")
        self.export()
        run = self.sync(backend=self.file_backend)
        self.assertEqual(run.failed, 0)
        self.assertEqual(set(errors.mapped("state")), {"resolved"})

    def test_bad_row_is_filed_under_its_sm_id_and_resolved_by_the_next_export(self):
        victim = sorted(self.live_ids("contacts"))[5]
        files = self.export()
        path = os.path.join(self.folder, files[0])
        with open(path, encoding="cp1252") as handle:
            lines = handle.read().splitlines()
        header = lines[0].split(";")
        row = next(i for i, line in enumerate(lines) if line.split(";")[0] == victim)
        cells = lines[row].split(";")
        cells[header.index("updated_at")] = "32/13/2026 99:99:99"
        lines[row] = ";".join(cells)
        with open(path, "w", encoding="cp1252") as handle:
            handle.write("\n".join(lines) + "\n")
        run = self.sync(backend=self.file_backend)
        self.assertEqual(run.failed, 1)
        error = self.env["sm.sync.error"].search([("backend_id", "=", self.file_backend.id)])
        self.assertEqual(error.reference, victim)
        self.export()
        self.sync(backend=self.file_backend)
        self.assertEqual(error.state, "resolved")
        self.assertTrue(self.partners(sm_id=victim))

    def test_export_numbers_with_thousands_dots_are_read_as_declared(self):
        """`1.299` in a decimal-comma export is 1299 (not 1.299); a cell fitting no declared
        format is a row error, the rest of the file imported."""
        codes = sorted(self.live_ids("articles"))[:3]
        answer = requests.post(
            f"{self.base_url}/_sim/export",
            json={
                "dir": self.folder,
                "format": "csv",
                "encoding": "cp1252",
                "entities": ["articles"],
            },
            headers={"X-SM-Api-Key": API_KEY},
            timeout=30,
        )
        answer.raise_for_status()
        path = answer.json()["files"][0]
        with open(path, encoding="cp1252") as handle:
            lines = handle.read().splitlines()
        header = lines[0].split(";")
        price, incoming = header.index("price_incl_vat"), header.index("incoming_qty")
        for number, line in enumerate(lines):
            cells = line.split(";")
            if cells[0] == codes[0]:
                cells[price], cells[incoming] = "1.299", "1.250"
            elif cells[0] == codes[1]:
                cells[price] = "2\u00a0499,50"
            elif cells[0] == codes[2]:
                cells[price] = "1299.5"  # a dot decimal in a decimal-comma export: no guess
            lines[number] = ";".join(cells)
        with open(path, "w", encoding="utf-8-sig") as handle:
            handle.write("\n".join(lines) + "\n")
        run = self.sync("articles", backend=self.file_backend)
        self.assertEqual(run.failed, 1)
        by_code = {p.sm_id: p for p in self.products()}
        self.assertEqual(by_code[codes[0]].list_price, 1299.0)
        self.assertEqual(by_code[codes[0]].sm_incoming_qty, 1250.0)
        self.assertEqual(by_code[codes[1]].list_price, 2499.5)
        self.assertNotIn(codes[2], by_code)
        error = self.env["sm.sync.error"].search([("backend_id", "=", self.file_backend.id)])
        self.assertEqual(error.reference, codes[2])
        self.assertIn("price_incl_vat", error.reason)
        self.assertIn(os.path.basename(path) + ":", error.reason)
        self.assertIn("1299.5", error.payload)
