"""CSV/XLSX exports hold the same records as the API, in the contract's file format.

The files are read back with the ``csv`` module and openpyxl and turned into API-shaped
records by an independent parser, then compared with a full walk of the API.
"""

import csv
import re
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sm_client import SmClient, start_sim

from simulators.silicon_master import Store, export
from simulators.silicon_master.exports import csv_text

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = ("contacts", "articles", "orders")
DECIMALS = {
    "price_incl_vat",
    "vat_rate",
    "cost",
    "weight_kg",
    "width_cm",
    "depth_cm",
    "height_cm",
    "incoming_qty",
    "total_excl_vat",
    "total_vat",
    "total_incl_vat",
    "qty",
    "unit_price_incl_vat",
    "discount_pct",
}
DATES = {"date", "promised_date", "next_restock_date", "expected_date"}
BOOLS = {"is_company", "deleted", "active", "available"}
RENAMED = {"sm_id": "id", "company_sm_id": "company_id", "customer_sm_id": "customer_id"}


@pytest.fixture(scope="module")
def aged():
    """A simulator that lived a little: changes, new records, tombstones."""
    sim = start_sim(contacts=120, articles=90, orders=150, seed=21)
    sim.store.advance(minutes=90, change_ratio=0.2, delete_ratio=0.3)
    sim.store.delete("orders", sim.store.tables["orders"].live_ids[:2])
    yield sim
    sim.stop()


@pytest.fixture(scope="module")
def api_records(aged):
    client = SmClient(aged)
    return {entity: client.walk(entity, limit=1000) for entity in ENTITIES}


# --- independent reader ------------------------------------------------------------------


def _csv_bool(text):
    assert text in ("0", "1")
    return text == "1"


def _csv_decimal(text):
    assert "." not in text
    return text.replace(",", ".")


CSV_READERS = {
    **dict.fromkeys(BOOLS, _csv_bool),
    **dict.fromkeys(DECIMALS, _csv_decimal),
    **dict.fromkeys(DATES, lambda text: datetime.strptime(text, "%d/%m/%Y").date().isoformat()),
    "updated_at": lambda text: datetime.strptime(text, "%d/%m/%Y %H:%M:%S").strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    ),
    "line_no": int,
}


def csv_value(column, text):
    """CSV text back to the API value."""
    if text == "":
        return None
    return CSV_READERS.get(column, str)(text)


def _xlsx_bool(value):
    assert value in (0, 1)
    return value == 1


def _xlsx_decimal(value):
    assert isinstance(value, int | float)
    return Decimal(str(value))


def _xlsx_date(value):
    assert isinstance(value, datetime | date)
    return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()


def _xlsx_timestamp(value):
    assert isinstance(value, datetime)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


XLSX_READERS = {
    **dict.fromkeys(BOOLS, _xlsx_bool),
    **dict.fromkeys(DECIMALS, _xlsx_decimal),
    **dict.fromkeys(DATES, _xlsx_date),
    "updated_at": _xlsx_timestamp,
}


def xlsx_value(column, value):
    """XLSX cell back to the API value (numbers compared as Decimal)."""
    if value is None:
        return None
    return XLSX_READERS.get(column, lambda cell: cell)(value)


def pairs(text, key):
    if not text:
        return []
    return [dict(zip((key, "qty"), item.split(":"), strict=True)) for item in text.split("|")]


def to_api(entity, rows):
    """Rows (column -> API value) back to API records."""
    records = []
    for row in rows:
        if entity == "orders" and row["record_type"] == "L":
            order = records[-1]
            assert row["order_no"] == order["id"]
            order["lines"].append(
                {
                    key: row[key]
                    for key in (
                        "line_no",
                        "article_code",
                        "description",
                        "qty",
                        "unit_price_incl_vat",
                        "discount_pct",
                        "vat_rate",
                        "available",
                        "expected_date",
                    )
                }
            )
            continue
        key = {"contacts": "sm_id", "articles": "code", "orders": "order_no"}[entity]
        if row["deleted"]:
            records.append({"id": row[key], "deleted": True, "updated_at": row["updated_at"]})
            assert all(
                value in (None, "H")
                for col, value in row.items()
                if col not in (key, "deleted", "updated_at")
            )
            continue
        if entity == "contacts":
            record = {RENAMED.get(col, col): value for col, value in row.items()}
        elif entity == "articles":
            record = {col: row[col] for col in row if not col.startswith(("name_", "description_"))}
            record["id"] = row["code"]
            record["name"] = {lang: row[f"name_{lang}"] for lang in ("fr", "nl", "en")}
            record["description"] = {
                lang: row[f"description_{lang}"] for lang in ("fr", "nl", "en")
            }
            record["category"] = row["category"].split(" > ")
            record["stock"] = pairs(row["stock"], "location")
            record["components"] = pairs(row["components"], "code")
        else:
            header = list(row)[1:16]
            record = {RENAMED.get(col, col): row[col] for col in header}
            record["id"] = record.pop("order_no")
            record["lines"] = []
        records.append(record)
    return records


def read_csv(path, encoding):
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        return header, [
            {col: csv_value(col, text) for col, text in zip(header, line, strict=True)}
            for line in reader
        ]


def read_xlsx(path):
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    return header, [
        {col: xlsx_value(col, value) for col, value in zip(header, row, strict=True)}
        for row in rows[1:]
    ]


def numeric(records):
    """Decimal strings as Decimal, to compare with XLSX numbers."""

    def convert(key, value):
        if isinstance(value, list):
            return [convert(key, item) for item in value]
        if isinstance(value, dict):
            return {k: convert(k, v) for k, v in value.items()}
        return Decimal(value) if key in DECIMALS and value is not None else value

    return [convert(None, record) for record in records]


# --- tests -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_csv_export_matches_the_api(aged, api_records, contract, tmp_path, encoding):
    response = SmClient(aged).post(
        "/_sim/export", {"dir": str(tmp_path), "format": "csv", "encoding": encoding}
    )
    assert response.status_code == 200, response.text
    files = [Path(name) for name in response.json()["files"]]
    stamp = aged.store.now.strftime("%Y%m%d%H%M%S")
    assert [path.name for path in files] == [f"{entity}_{stamp}.csv" for entity in ENTITIES]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in files)
    for entity, path in zip(ENTITIES, files, strict=True):
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
        assert ("é".encode(encoding.replace("-sig", "")) in raw) or entity == "orders"
        header, rows = read_csv(path, encoding)
        assert header == contract["x-file-exports"]["columns"][entity]
        assert to_api(entity, rows) == api_records[entity]


def test_xlsx_export_matches_the_api(aged, api_records, contract, tmp_path):
    files = export(aged.store, tmp_path, "xlsx")
    assert [p.suffix for p in files] == [".xlsx"] * 3
    for entity, path in zip(ENTITIES, files, strict=True):
        header, rows = read_xlsx(path)
        assert header == contract["x-file-exports"]["columns"][entity]
        assert numeric(to_api(entity, rows)) == numeric(api_records[entity])
    sheet = load_workbook(files[0]).worksheets[0]
    assert sheet.cell(row=2, column=18).number_format == "dd/mm/yyyy hh:mm:ss"


def test_updated_since_limits_the_export(aged, api_records, tmp_path):
    since = "2026-11-01T08:00:00Z"
    files = export(aged.store, tmp_path, "csv", entities=["orders"], updated_since=since)
    _header, rows = read_csv(files[0], "utf-8-sig")
    expected = [rec for rec in api_records["orders"] if rec["updated_at"] >= since]
    assert expected and to_api("orders", rows) == expected


def test_cp1252_replaces_what_it_cannot_encode(tmp_path):
    store = Store(contacts=10, articles=20, orders=0, seed=1)
    store.set_field("contacts", "C0000001", "name", "Łukasz Wałęsa Őrs ☺ “quoted” œ €")
    path = export(store, tmp_path, "csv", entities=["contacts"], encoding="cp1252")[0]
    text = path.read_text(encoding="cp1252")
    assert "Lukasz Walesa Ors ? “quoted” œ €" in text
    assert not list(tmp_path.glob(".*.part"))


def test_csv_text_forms():
    assert csv_text("price_incl_vat", "1299.00") == "1299,00"
    assert csv_text("date", "2026-11-20") == "20/11/2026"
    assert csv_text("updated_at", "2026-11-20T08:30:00Z") == "20/11/2026 08:30:00"
    assert csv_text("active", False) == "0" and csv_text("deleted", True) == "1"
    assert csv_text("stock", [("LIE", "3"), ("WH-ANS", "1.5")]) == "LIE:3|WH-ANS:1,5"
    assert csv_text("street2", None) == ""


def test_export_rejects_bad_arguments(tmp_path):
    store = Store(contacts=5, articles=20, orders=0, seed=1)
    with pytest.raises(ValueError, match="format"):
        export(store, tmp_path, "json")
    with pytest.raises(ValueError, match="encoding"):
        export(store, tmp_path, "csv", encoding="latin-1")
    with pytest.raises(ValueError, match="unknown"):
        export(store, tmp_path, "csv", entities=["customers"])


def test_cli_export(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulators.silicon_master",
            "export",
            "--out",
            str(tmp_path),
            "--format",
            "xlsx",
            "--contacts",
            "30",
            "--articles",
            "25",
            "--orders",
            "20",
            "--advance-minutes",
            "60",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    names = sorted(Path(line).name for line in result.stdout.split())
    assert names == [f"{e}_20261101090000.xlsx" for e in ("articles", "contacts", "orders")]


def test_cli_serve_until_sigterm():
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulators.silicon_master",
            "serve",
            "--port",
            "0",
            "--contacts",
            "30",
            "--articles",
            "25",
            "--orders",
            "20",
            "--api-key",
            "k",
            "--advance-every",
            "0.2",
            "--advance-minutes",
            "5",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base_url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base_url)
        import requests

        ping = requests.get(base_url + "/api/v1/ping", headers={"X-SM-Api-Key": "k"}, timeout=5)
        assert ping.json()["status"] == "ok"
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
