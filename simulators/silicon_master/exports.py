"""CSV and XLSX file exports, exactly as the contract's ``x-file-exports`` describes them.

* names ``<entity>_<YYYYMMDDHHMMSS>.csv|xlsx`` (simulated now), written to a hidden
  ``.part`` file first and renamed, so a folder watcher never sees half a file;
* CSV: ``;`` separator, header line, cp1252 or UTF-8 with BOM, decimal comma, dates
  ``dd/mm/yyyy``, timestamps ``dd/mm/yyyy HH:MM:SS`` (UTC), booleans ``1``/``0``, empty = null;
* XLSX: first sheet, header row, same columns; dates, timestamps and numbers native (shown
  ``dd/mm/yyyy`` / ``dd/mm/yyyy hh:mm:ss``), booleans ``1``/``0``, codes (EAN, zip...) as text,
  null = an empty cell (written, so every row has every column);
* ``category`` = path joined with `` > ``, ``stock`` = ``LIE:3|BRU:0``, ``components`` =
  ``CODE:2|CODE:1``; orders: an ``H`` row per order then one ``L`` row per line (the ``L`` row
  repeats ``order_no``, other header columns empty); a deleted record is one row with its
  key, ``updated_at`` and ``deleted`` = 1 only.

cp1252 cannot encode every character: an unencodable character is written as its base
letter without accent when that exists (``Ł`` -> ``L``, ``ő`` -> ``o``), else ``?``.
"""

import codecs
import csv
import os
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from . import native
from .clock import parse_iso

ENCODINGS = ("cp1252", "utf-8-sig")
FORMATS = ("csv", "xlsx")

COLUMNS = {
    "contacts": [
        "sm_id",
        "kind",
        "is_company",
        "company_sm_id",
        "name",
        "vat",
        "street",
        "street2",
        "zip",
        "city",
        "country",
        "email",
        "phone",
        "mobile",
        "lang",
        "segment",
        "showroom",
        "updated_at",
        "deleted",
    ],
    "articles": [
        "code",
        "ean13",
        "name_fr",
        "name_nl",
        "name_en",
        "description_fr",
        "description_nl",
        "description_en",
        "category",
        "collection",
        "brand",
        "price_incl_vat",
        "vat_rate",
        "cost",
        "weight_kg",
        "width_cm",
        "depth_cm",
        "height_cm",
        "stock",
        "incoming_qty",
        "next_restock_date",
        "components",
        "active",
        "updated_at",
        "deleted",
    ],
    "orders": [
        "record_type",
        "order_no",
        "date",
        "customer_sm_id",
        "channel",
        "showroom",
        "status",
        "delivery_mode",
        "promised_date",
        "payment_status",
        "currency",
        "total_excl_vat",
        "total_vat",
        "total_incl_vat",
        "updated_at",
        "deleted",
        "line_no",
        "article_code",
        "description",
        "qty",
        "unit_price_incl_vat",
        "discount_pct",
        "vat_rate",
        "available",
        "expected_date",
    ],
}
# value kind of every non-text column: how CSV and XLSX write it
KINDS = {
    "is_company": "bool",
    "deleted": "bool",
    "active": "bool",
    "available": "bool",
    "updated_at": "timestamp",
    "date": "date",
    "promised_date": "date",
    "next_restock_date": "date",
    "expected_date": "date",
    "line_no": "int",
    "stock": "pairs",
    "components": "pairs",
    **dict.fromkeys(
        (
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
        ),
        "decimal",
    ),
}
_KEY = {"contacts": "sm_id", "articles": "code", "orders": "order_no"}
_RENAMED = {
    "sm_id": "id",
    "company_sm_id": "company_id",
    "customer_sm_id": "customer_id",
    "order_no": "id",
    "code": "id",
}
_ORDER_HEADER = COLUMNS["orders"][1:16]
_ORDER_LINE = COLUMNS["orders"][16:]
# letters NFKD does not decompose
_FALLBACK = {"\u0142": "l", "\u0141": "L", "\u0111": "d", "\u0110": "D", "\u0131": "i"}


def _cp1252_fallback(error: UnicodeEncodeError):
    """Codec error handler: base letter without its accent when cp1252 has it, else ``?``."""
    out = []
    for char in error.object[error.start : error.end]:
        replacement = _FALLBACK.get(char)
        if replacement is None:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            try:
                replacement = base.encode("cp1252").decode("cp1252") if base else "?"
            except UnicodeEncodeError:
                replacement = "?"
        out.append(replacement)
    return "".join(out), error.end


codecs.register_error("sm_cp1252", _cp1252_fallback)


def _pairs(items, key: str) -> list[tuple[str, str]] | None:
    return [(item[key], item["qty"]) for item in items] or None


def _record_values(entity: str, record: dict) -> dict:
    """Column -> contract value (decimal strings, ISO dates...) of one live record."""
    if entity == "articles":
        values = {column: record.get(_RENAMED.get(column, column)) for column in COLUMNS[entity]}
        for lang in ("fr", "nl", "en"):
            values[f"name_{lang}"] = (record.get("name") or {}).get(lang)
            values[f"description_{lang}"] = (record.get("description") or {}).get(lang)
        values["category"] = " > ".join(record.get("category") or []) or None
        values["stock"] = _pairs(record.get("stock") or [], "location")
        values["components"] = _pairs(record.get("components") or [], "code")
        return values
    return {column: record.get(_RENAMED.get(column, column)) for column in COLUMNS[entity]}


def rows(entity: str, records) -> list[dict]:
    """The export rows (column -> contract value) of ``records`` (records and tombstones)."""
    out = []
    for record in records:
        if record.get("deleted"):
            out.append(
                {
                    _KEY[entity]: record["id"],
                    "updated_at": record["updated_at"],
                    "deleted": True,
                    **({"record_type": "H"} if entity == "orders" else {}),
                }
            )
            continue
        if entity != "orders":
            out.append(_record_values(entity, record))
            continue
        header = {column: record.get(_RENAMED.get(column, column)) for column in _ORDER_HEADER}
        out.append({"record_type": "H", **header})
        for line in record.get("lines") or []:
            out.append(
                {
                    "record_type": "L",
                    "order_no": record["id"],
                    **{column: line.get(column) for column in _ORDER_LINE},
                }
            )
    return out


def _pairs_text(pairs) -> str:
    return "|".join(f"{key}:{str(qty).replace('.', ',')}" for key, qty in pairs)


_CSV_TEXT = {
    "bool": lambda value: "1" if value else "0",
    "decimal": lambda value: str(value).replace(".", ","),
    "date": lambda value: date.fromisoformat(value).strftime("%d/%m/%Y"),
    "timestamp": lambda value: parse_iso(value).strftime("%d/%m/%Y %H:%M:%S"),
    "pairs": _pairs_text,
}
_XLSX_VALUE = {
    "bool": lambda value: 1 if value else 0,
    "decimal": Decimal,
    "int": int,
    "date": date.fromisoformat,
    "timestamp": lambda value: parse_iso(value).replace(tzinfo=None),
    "pairs": _pairs_text,  # no native form: the CSV text form
}


def csv_text(column: str, value, kinds=None) -> str:
    """One value in the CSV text form of the contract (``""`` for null)."""
    if value is None:
        return ""
    return _CSV_TEXT.get((kinds or KINDS).get(column), str)(value)


def xlsx_value(column: str, value):
    """One value as written in XLSX: native date/datetime/number, 1/0, or text."""
    if value is None:
        return None
    return _XLSX_VALUE.get(KINDS.get(column), str)(value)


def file_name(entity: str, moment: datetime, fmt: str) -> str:
    """``<entity>_<YYYYMMDDHHMMSS>.<fmt>``."""
    return f"{entity}_{moment.strftime('%Y%m%d%H%M%S')}.{fmt}"


def _dialect(entity: str, records, dialect: str):
    """(columns, rows, kinds) of the file: the contract's, or SM's native contacts."""
    if dialect == "contract":
        return COLUMNS[entity], rows(entity, records), KINDS
    if dialect == "native" and entity == "contacts":
        return (
            native.COLUMNS,
            [native.native_row(row) for row in rows(entity, records)],
            native.KINDS,
        )
    raise ValueError(f"dialect {dialect!r} is not available for {entity}")


def write_csv(
    path: Path, entity: str, records, encoding: str = "utf-8-sig", dialect: str = "contract"
) -> Path:
    """Write ``records`` of ``entity`` as a CSV file (contract columns, or SM's native ones)."""
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}")
    columns, data, kinds = _dialect(entity, records, dialect)
    errors = "sm_cp1252" if encoding == "cp1252" else "strict"
    with _atomic(path) as part, open(part, "w", encoding=encoding, errors=errors, newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        for row in data:
            writer.writerow([csv_text(column, row.get(column), kinds) for column in columns])
    return path


def write_xlsx(path: Path, entity: str, records) -> Path:
    """Write ``records`` of ``entity`` as a contract XLSX file (first sheet)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    columns = COLUMNS[entity]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(entity)
    sheet.append(columns)
    formats = {"date": "dd/mm/yyyy", "timestamp": "dd/mm/yyyy hh:mm:ss"}
    for row in rows(entity, records):
        cells = []
        for column in columns:
            value = xlsx_value(column, row.get(column))
            cell = WriteOnlyCell(sheet, value=value)
            if value is None:
                # a styled empty cell is still written, so every row has all the columns
                cell.number_format = "@"
            elif KINDS.get(column) in formats:
                cell.number_format = formats[KINDS[column]]
            elif isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    with _atomic(path) as part:
        workbook.save(part)
    return path


@contextmanager
def _atomic(path: Path):
    """Yield a hidden ``.part`` path, renamed to ``path`` once written (removed on error)."""
    path = Path(path)
    part = path.with_name(f".{path.name}.part")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield part
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, path)


def export(
    store,
    out_dir,
    fmt: str = "csv",
    *,
    entities=None,
    encoding: str = "utf-8-sig",
    updated_since: str | None = None,
    dialect: str = "contract",
) -> list[Path]:
    """Write one file per entity from ``store`` (records and tombstones since
    ``updated_since``, in ``(updated_at, id)`` order, like the API); returns the paths."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    entities = list(entities or COLUMNS)
    unknown = [entity for entity in entities if entity not in COLUMNS]
    if unknown:
        raise ValueError(f"unknown entities: {', '.join(unknown)}")
    paths = []
    for entity in entities:
        records = store.changes(entity, updated_since)
        path = Path(out_dir) / file_name(entity, store.now, fmt)
        if fmt == "csv":
            paths.append(write_csv(path, entity, records, encoding, dialect))
        elif dialect != "contract":
            raise ValueError("the native dialect is written as CSV only")
        else:
            paths.append(write_xlsx(path, entity, records))
    return paths
