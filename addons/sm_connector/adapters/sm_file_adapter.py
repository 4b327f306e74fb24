# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""File transport: SM's CSV/XLSX exports dropped in a folder, each processed once.

Files are read in name order (names carry SM's export time), then moved to `done/` or
`failed/` beside a `<file>.report.txt`. A file still in the inbox after a crash is simply
read again: the importer's payload hashes make that free.
"""

import os
import shutil

from ..entities import ENTITIES
from ..parsers.export_parser import entity_of, iter_records, read_csv_rows, read_xlsx_rows
from ..parsers.record_validator import SmRecordError
from .errors import SmTransportError
from .page import SmPage

# the export column holding each entity's SM id
ROW_KEY = {entity.name: entity.row_key for entity in ENTITIES}


class SmFileAdapter:
    """Lists and reads export files of one folder; moves them once processed."""

    def __init__(self, folder, column_maps=None):
        self.folder = folder or ""
        # entity → ColumnMap (parsers/column_map.py): SM's own columns and codes
        self.column_maps = column_maps or {}

    def _check_folder(self):
        if not self.folder or not os.path.isdir(self.folder):
            raise SmTransportError(f"Export folder {self.folder!r} does not exist.")

    def ping(self):
        """The folder exists and can be written (files are moved after processing)."""
        self._check_folder()
        if not os.access(self.folder, os.W_OK):
            raise SmTransportError(f"Export folder {self.folder!r} is not writable.")
        return {"status": "ok", "files": len(self.pending_files())}

    def pending_files(self, entity=None):
        """Export files waiting in the folder, oldest first."""
        self._check_folder()
        names = []
        for name in sorted(os.listdir(self.folder)):
            kind = entity_of(name)
            if kind and (entity is None or kind[0] == entity):
                names.append(name)
        return names

    def read_header_rows(self, file_name):
        """(entity, header, rows iterator) of one export file, for previews."""
        entity, fmt = entity_of(file_name)
        with open(os.path.join(self.folder, file_name), "rb") as handle:
            data = handle.read()
        header, rows = read_xlsx_rows(data) if fmt == "xlsx" else read_csv_rows(data)
        return entity, header, rows

    def read_export(self, file_name):
        """All records of one export file (exports are a few MB at most) as one SmPage.

        Rows that can't become records are in `errors`; an unusable file raises SmRecordError.
        """
        entity, fmt = entity_of(file_name)
        with open(os.path.join(self.folder, file_name), "rb") as handle:
            data = handle.read()
        try:
            header, rows = read_xlsx_rows(data) if fmt == "xlsx" else read_csv_rows(data)
        except (ValueError, KeyError, OSError) as exc:
            raise SmRecordError(f"{file_name}: unreadable {fmt.upper()} ({exc})") from None
        page = SmPage(records=[], source=file_name)
        column_map = self.column_maps.get(entity)
        key = column_map.source_of(ROW_KEY[entity]) if column_map else ROW_KEY[entity]
        for number, raw, record in iter_records(entity, header, rows, column_map):
            if isinstance(record, SmRecordError):
                # filed under the record's SM id when the row has one: its next good
                # version then resolves the error
                reference = (raw.get(key) or "").strip() or f"{file_name}:{number}"
                page.errors.append((reference, raw, f"{file_name}:{number}: {record}"))
            else:
                page.records.append(record)
        return page

    def archive(self, file_name, ok, report):
        """Move a processed file to done/ (or failed/) and write its report beside it."""
        target = os.path.join(self.folder, "done" if ok else "failed")
        os.makedirs(target, exist_ok=True)
        shutil.move(os.path.join(self.folder, file_name), os.path.join(target, file_name))
        with open(os.path.join(target, f"{file_name}.report.txt"), "w", encoding="utf-8") as out:
            out.write(report)
        return os.path.join(target, file_name)
