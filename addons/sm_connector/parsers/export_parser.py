# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SM file exports (CSV or XLSX) → records in the REST JSON shape.

SM-style CSV: `;` separator, cp1252 or UTF-8 with BOM, decimal comma (thousands grouped by
'.', a space or a no-break space), dd/mm/yyyy dates, 1/0 booleans; compound columns per the contract (`Salon > Canapés`, `LIE:3|BRU:0`).
Each row becomes the JSON record the REST API would have sent, then goes through the
same validator and mapper: one mapping for both transports.
"""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

from ..entities import ENTITIES, ENTITY_NAMES
from .column_map import ColumnMapError
from .record_validator import SmRecordError
from .values import DECIMAL_COMMA, parse_decimal

FILE_NAME = re.compile(rf"^({'|'.join(ENTITY_NAMES)})_(\d{{8,14}}).*\.(csv|xlsx)$", re.IGNORECASE)

COLUMNS = {entity.name: list(entity.export_columns) for entity in ENTITIES}
DECIMAL_COLUMNS = {
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


def entity_of(file_name):
    """`contacts_20261120083000.csv` → ("contacts", "csv"); None for other files."""
    match = FILE_NAME.match(file_name)
    return (match.group(1).lower(), match.group(3).lower()) if match else None


def decode_csv_bytes(data):
    """UTF-8 with BOM, plain UTF-8, else cp1252 (SM's Windows default)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_csv_rows(data):
    """Bytes of an SM CSV → (header, iterator of (line number, list of cells))."""
    reader = csv.reader(io.StringIO(decode_csv_bytes(data), newline=""), delimiter=";")
    header = [cell.strip().lower() for cell in next(reader, [])]
    return header, ((reader.line_num, row) for row in reader if any(cell.strip() for cell in row))


def _cell_text(value):
    """An XLSX cell → the CSV text form (native numbers with a decimal comma)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):  # a date cell: openpyxl reads it as midnight
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        # a native number, written as the CSV writes it so one declared format reads both
        return DECIMAL_COMMA.render(Decimal(str(value)).normalize())
    return str(value)


def read_xlsx_rows(data):
    """Bytes of an XLSX export → (header, iterator of (row number, list of cells))."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = [str(cell or "").strip().lower() for cell in next(rows, ())]

    def body():
        for number, row in enumerate(rows, start=2):
            cells = [_cell_text(cell) for cell in row]
            if any(cell.strip() for cell in cells):
                yield number, cells

    return header, body()


def check_header(entity, header):
    """Raise SmRecordError naming the missing columns (the whole file is then refused)."""
    missing = [col for col in COLUMNS[entity] if col not in header]
    if missing:
        raise SmRecordError(f"{entity} export lacks columns: {', '.join(missing)}")


def _number(text):
    """A number cell as the export declares numbers (DECIMAL_COMMA) → dot decimal string."""
    text = text.strip()
    if not text:
        return None
    return format(parse_decimal(text, number_format=DECIMAL_COMMA).normalize(), "f")


def _pairs(text, key, value):
    """`LIE:3|BRU:0` → [{"location": "LIE", "qty": "3"}, …]."""
    items = []
    for part in filter(None, (p.strip() for p in (text or "").split("|"))):
        name, sep, qty = part.rpartition(":")
        if not sep or not name:
            raise SmRecordError(f"{key}: {part!r} is not code:qty")
        try:
            items.append({key: name.strip(), value: _number(qty) or "0"})
        except ValueError as exc:
            raise SmRecordError(f"{key} {name.strip()}: {exc}") from None
    return items


def row_to_dict(header, cells):
    """Zip a row with the header; decimal columns converted to dot decimals."""
    row = {}
    for name, cell in zip(header, cells, strict=False):
        text = (cell or "").strip()
        if name in DECIMAL_COLUMNS:
            try:
                row[name] = _number(text)
            except ValueError as exc:
                raise SmRecordError(f"{name}: {exc}") from None
        else:
            row[name] = text or None
    return row


def contact_record(row):
    """A contacts export row → Contact JSON record."""
    record = {key: row.get(key) for key in COLUMNS["contacts"]}
    record["id"] = record.pop("sm_id")
    record["company_id"] = record.pop("company_sm_id")
    return record


def article_record(row):
    """An articles export row → Article JSON record."""
    return {
        "id": row.get("code"),
        "code": row.get("code"),
        "ean13": row.get("ean13"),
        "name": {
            lang: row.get(f"name_{lang}") for lang in ("fr", "nl", "en") if row.get(f"name_{lang}")
        },
        "description": {
            lang: row.get(f"description_{lang}")
            for lang in ("fr", "nl", "en")
            if row.get(f"description_{lang}")
        },
        "category": [
            part.strip() for part in (row.get("category") or "").split(">") if part.strip()
        ],
        "collection": row.get("collection"),
        "brand": row.get("brand"),
        "price_incl_vat": row.get("price_incl_vat"),
        "vat_rate": row.get("vat_rate"),
        "cost": row.get("cost"),
        "weight_kg": row.get("weight_kg"),
        "width_cm": row.get("width_cm"),
        "depth_cm": row.get("depth_cm"),
        "height_cm": row.get("height_cm"),
        "stock": _pairs(row.get("stock"), "location", "qty"),
        "incoming_qty": row.get("incoming_qty"),
        "next_restock_date": row.get("next_restock_date"),
        "components": _pairs(row.get("components"), "code", "qty"),
        "active": row.get("active"),
        "updated_at": row.get("updated_at"),
        "deleted": row.get("deleted"),
    }


ORDER_HEADER = (
    "date channel showroom status delivery_mode promised_date payment_status currency "
    "total_excl_vat total_vat total_incl_vat updated_at deleted"
).split()
ORDER_LINE = (
    "line_no article_code description qty unit_price_incl_vat discount_pct vat_rate "
    "available expected_date"
).split()


def _mapped_rows(header, rows, column_map):
    """Rows as (number, contract cells, raw row, problems): through the backend's column map
    (parsers/column_map.py) when it changes anything, else as they are."""
    if column_map is None or column_map.is_identity():
        return header, ((n, cells, None, ()) for n, cells in rows)
    try:
        return column_map.translate(header, rows)
    except ColumnMapError as exc:
        raise SmRecordError(str(exc)) from None


def iter_records(entity, header, rows, column_map=None):
    """Yield (line number, raw row, record or SmRecordError) for every record of an export.

    Orders span several rows (one H, then its L rows) and are yielded when complete.
    `column_map` (a ColumnMap, optional) first brings SM's own columns and codes to the
    contract's; a value it cannot map fails that row alone.
    """
    header, rows = _mapped_rows(header, rows, column_map)
    check_header(entity, header)
    build = {"contacts": contact_record, "articles": article_record}.get(entity)
    pending = None  # (line number, raw rows, order record) of the order being read
    for number, cells, sm_raw, problems in rows:
        raw = sm_raw or dict(zip(header, cells, strict=False))
        if problems:
            yield number, raw, SmRecordError("; ".join(problems))
            continue
        try:
            row = row_to_dict(header, cells)
        except SmRecordError as exc:
            yield number, raw, exc
            continue
        if build:
            try:
                yield number, raw, build(row)
            except SmRecordError as exc:
                yield number, raw, exc
            continue
        kind = (row.get("record_type") or "").upper()
        if kind == "H":
            if pending:
                yield pending
            order = {key: row.get(key) for key in ORDER_HEADER}
            order.update(id=row.get("order_no"), customer_id=row.get("customer_sm_id"), lines=[])
            pending = (number, {"rows": [raw]}, order)
        elif kind == "L" and pending and not isinstance(pending[2], SmRecordError):
            pending[1]["rows"].append(raw)
            pending[2]["lines"].append({key: row.get(key) for key in ORDER_LINE})
        else:
            reason = "line row before any order header" if kind == "L" else f"record_type {kind!r}"
            yield number, raw, SmRecordError(f"record_type: {reason}")
    if pending:
        yield pending
