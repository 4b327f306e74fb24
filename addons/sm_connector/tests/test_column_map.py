# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import tempfile

import requests

from odoo.tests import tagged

from .common import API_KEY, SmCase

# SM native contacts (simulators/silicon_master/native.py) → the contract
NATIVE_COLUMNS = {
    "sm_id": "numero",
    "kind": "type",
    "is_company": "societe",
    "company_sm_id": "num_societe",
    "name": "nom, prenom",
    "vat": "tva",
    "street": "rue",
    "street2": "rue2",
    "zip": "cp",
    "city": "localite",
    "country": "pays",
    "email": "email",
    "phone": "tel",
    "mobile": "gsm",
    "lang": "langue",
    "segment": "segment",
    "showroom": "magasin",
    "updated_at": "modifie_le",
    "deleted": "supprime",
}
NATIVE_VALUES = {
    "kind": {"C": "customer", "F": "supplier", "B": "both"},
    "lang": {"F": "fr", "N": "nl", "E": "en"},
    "country": {"Belgique": "BE", "France": "FR", "Pays-Bas": "NL", "Luxembourg": "LU"},
    "showroom": {
        "Liege": "LIE",
        "Bruxelles": "BRU",
        "Namur": "NAM",
        "Gand": "GAN",
        "Paris": "PAR",
        "Internet": "WEB",
    },
}


def native_contacts_map(env, backend, optional=()):
    """The column map an SM admin writes for SM's native contacts export."""
    return env["sm.column.map"].create(
        {
            "backend_id": backend.id,
            "entity": "contacts",
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "field": field,
                        "sm_columns": sources,
                        "optional": field in optional,
                        "default_value": optional.get(field) if optional else False,
                    },
                )
                for field, sources in NATIVE_COLUMNS.items()
            ],
            "value_ids": [
                (0, 0, {"field": field, "sm_value": code, "value": value})
                for field, codes in NATIVE_VALUES.items()
                for code, value in codes.items()
            ],
        }
    )


@tagged("post_install", "-at_install")
class TestColumnMap(SmCase):
    """SM's exports as SM writes them: other columns, other codes, missing optional columns."""

    def setUp(self):
        super().setUp()
        self.folder = tempfile.mkdtemp(prefix="sm-native-")
        self.file_backend = self.env["sm.backend"].create(
            {"name": "SM files", "transport": "file", "export_folder": self.folder, "page_size": 25}
        )

    def _export(self, dialect):
        answer = requests.post(
            f"{self.base_url}/_sim/export",
            json={
                "dir": self.folder,
                "format": "csv",
                "encoding": "cp1252",
                "entities": ["contacts"],
                "dialect": dialect,
            },
            headers={"X-SM-Api-Key": API_KEY},
            timeout=30,
        )
        answer.raise_for_status()
        return os.path.basename(answer.json()["files"][0])

    def _export_native(self):
        return self._export("native")

    def bound_ids(self, entity):
        bindings = self.env["sm.binding"].search(
            [("backend_id", "=", self.file_backend.id), ("entity", "=", entity)]
        )
        return bindings.mapped("res_id")

    def _contract_snapshot(self):
        """What the contract's own file imports (then rolled back)."""
        self._export("contract")
        try:
            with self.env.cr.savepoint():
                run = self.sync("contacts", backend=self.file_backend)
                self.assertEqual(run.failed, 0, run.error_ids.mapped("reason"))
                snapshot = self._snapshot_contacts()
                raise _Rollback
        except _Rollback:
            self.env.invalidate_all()
        return snapshot

    def _snapshot_contacts(self):
        return {
            p.sm_id: (
                *(p[f] for f in ("name", "is_company", "vat", "street", "street2", "zip", "city")),
                *(p[f] for f in ("email", "phone", "mobile", "lang", "sm_segment")),
                p.parent_id.sm_id,
                p.country_id.code,
                p.sm_showroom_id.code if "sm_showroom_id" in p._fields else None,
                p.category_id.ids,
            )
            for p in self.partners()
        }

    def test_native_file_imports_as_the_contract_file(self):
        expected = self._contract_snapshot()
        self.assertEqual(len(expected), len(self.live_ids("contacts")))
        native_contacts_map(self.env, self.file_backend)
        name = self._export_native()
        with open(os.path.join(self.folder, name), encoding="cp1252") as handle:
            self.assertTrue(handle.readline().startswith("NUMERO;TYPE;SOCIETE;NUM_SOCIETE;NOM"))
        run = self.sync("contacts", backend=self.file_backend)
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(run.failed, 0, run.error_ids.mapped("reason"))
        self.assertEqual(self._snapshot_contacts(), expected)

    def test_native_file_without_the_map_is_refused(self):
        self._export_native()
        run = self.sync("contacts", backend=self.file_backend)
        self.assertEqual(run.created, 0)
        self.assertIn("lacks columns", run.error_ids.reason)

    def test_missing_optional_column_takes_its_default(self):
        native_contacts_map(self.env, self.file_backend, optional={"street2": "", "lang": "F"})
        name = self._export_native()
        path = os.path.join(self.folder, name)
        with open(path, encoding="cp1252") as handle:
            lines = [line.split(";") for line in handle.read().splitlines()]
        drop = [lines[0].index("RUE2"), lines[0].index("LANGUE")]
        with open(path, "w", encoding="cp1252") as handle:
            for cells in lines:
                handle.write(";".join(c for i, c in enumerate(cells) if i not in drop) + "\n")
        run = self.sync("contacts", backend=self.file_backend)
        self.assertEqual(run.failed, 0, run.error_ids.mapped("reason"))
        partners = self.partners()
        self.assertEqual(len(partners), len(self.live_ids("contacts")))
        self.assertFalse(any(partners.mapped("street2")))
        # the default goes through the value map like a written code: F → fr
        self.assertEqual(set(partners.mapped("sm_lang")), {"fr"})

    def test_unmapped_value_fails_its_row_alone(self):
        native_contacts_map(self.env, self.file_backend)
        name = self._export_native()
        path = os.path.join(self.folder, name)
        with open(path, encoding="cp1252") as handle:
            lines = [line.split(";") for line in handle.read().splitlines()]
        column = lines[0].index("PAYS")
        lines[1][column] = "ATLANTIDE"
        sm_id = lines[1][0]
        with open(path, "w", encoding="cp1252") as handle:
            handle.write("\n".join(";".join(cells) for cells in lines) + "\n")
        run = self.sync("contacts", backend=self.file_backend)
        self.assertEqual(run.failed, 1)
        self.assertEqual(run.created, len(self.live_ids("contacts")) - 1)
        error = self.env["sm.sync.error"].search([("backend_id", "=", self.file_backend.id)])
        self.assertEqual(error.reference, sm_id)
        self.assertIn("country: SM value 'ATLANTIDE' has no mapping", error.reason)

    def test_default_map_is_the_contract(self):
        maps = self.env["sm.column.map"]._maps_for(self.file_backend)
        self.assertTrue(all(column_map.is_identity() for column_map in maps.values()))
        shipped = self.env.ref("sm_connector.column_map_contacts_default")
        self.assertFalse(shipped.backend_id)
        self.assertEqual(shipped.line_ids.mapped("field"), shipped.line_ids.mapped("sm_columns"))


class _Rollback(Exception):
    pass
