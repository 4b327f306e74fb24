# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SM's exports as SM writes them → the contract's export columns (pure: no Odoo environment).

The retailer's SM names its columns its own way (``NOM`` and ``PRENOM`` for one name),
writes its own value codes (``C``/``F``/``B`` for the contact kind, ``BELGIQUE`` for BE,
``LIEGE`` for the Liège showroom) and leaves optional columns out. A `ColumnMap` (one per
backend and entity, edited by SM admins in *Configuration → Column maps*) says, per contract
column:

* which SM column(s) hold it — several are joined with `join_with`, empty parts skipped;
* whether it may be absent from a file (`optional`), and the `default` it then takes;
* the value map of the column, when it has one: SM value → contract value, compared without
  case and surrounding blanks. A column with a value map accepts only mapped values (and
  empty cells): an unknown code is a clear per-row error, never passed on as it is.

The mapped row has the contract's column names and text values: `export_parser` and the
record validator then read it exactly as a contract file.
"""

from dataclasses import dataclass, field


class ColumnMapError(ValueError):
    """A file (header) or a row the map cannot translate; the message says which column."""


@dataclass(frozen=True)
class ColumnRule:
    """Where one contract column comes from."""

    field: str  # contract column (entities.py export_columns)
    sources: tuple  # SM column names, lower case, joined in this order
    join_with: str = " "
    optional: bool = False
    default: str | None = None


def _key(value):
    return (value or "").strip().casefold()


@dataclass(frozen=True)
class ColumnMap:
    """Rules for every contract column of one entity, plus value maps per contract column."""

    rules: tuple  # ColumnRule
    values: dict = field(default_factory=dict)  # contract column → {SM value: contract value}

    @classmethod
    def identity(cls, columns):
        """The contract's own names: every column from itself, required, no value map."""
        return cls(tuple(ColumnRule(column, (column,)) for column in columns))

    def is_identity(self):
        """True when mapping would change nothing (the default map): callers skip it."""
        return not any(self.values.values()) and all(
            rule.sources == (rule.field,) and not rule.optional for rule in self.rules
        )

    def source_of(self, contract_column):
        """The first SM column holding `contract_column` (e.g. the row key), or itself."""
        for rule in self.rules:
            if rule.field == contract_column and rule.sources:
                return rule.sources[0]
        return contract_column

    def plan(self, header):
        """Match a file's header (lower-case names) to the rules.

        Returns [(rule, indexes)], indexes None for an absent optional column. Raises
        ColumnMapError naming every required contract column whose SM columns are missing
        (the whole file is refused, as for a contract file lacking columns).
        """
        position = {name: index for index, name in enumerate(header)}
        planned, missing = [], []
        for rule in self.rules:
            indexes = [position.get(source) for source in rule.sources]
            if rule.sources and all(index is not None for index in indexes):
                planned.append((rule, tuple(indexes)))
            elif rule.optional or not rule.sources:
                planned.append((rule, None))
            else:
                absent = [s for s, i in zip(rule.sources, indexes, strict=True) if i is None]
                missing.append(f"{rule.field} ({', '.join(absent)})")
        if missing:
            raise ColumnMapError(f"export lacks the SM columns of: {'; '.join(missing)}")
        return planned

    def map_cells(self, planned, cells):
        """One row's cells (SM order) → (contract column → text, [problems]).

        Problems are per-column messages (unmapped values); the row is then refused alone.
        """
        row, problems = {}, []
        for rule, indexes in planned:
            if indexes is None:
                text = rule.default or ""
            else:
                parts = [(cells[i] if i < len(cells) else "") or "" for i in indexes]
                text = rule.join_with.join(part.strip() for part in parts if part.strip())
            mapping = self.values.get(rule.field)
            if mapping and text.strip():
                mapped = mapping.get(_key(text))
                if mapped is None:
                    problems.append(f"{rule.field}: SM value {text.strip()!r} has no mapping")
                text = mapped or ""
            row[rule.field] = text
        return row, problems

    def translate(self, header, rows):
        """(contract header, iterator of (number, contract cells, SM row dict, problems)).

        `rows` yields (number, SM cells) as export_parser's readers do.
        """
        planned = self.plan(header)
        columns = [rule.field for rule, _indexes in planned]

        def body():
            for number, cells in rows:
                row, problems = self.map_cells(planned, cells)
                raw = dict(zip(header, cells, strict=False))
                yield number, [row[column] for column in columns], raw, problems

        return columns, body()


def build_map(rules, value_rows):
    """A ColumnMap from plain rows (what the Odoo models hold).

    rules: iterable of (contract column, "SM col[, SM col…]", join_with, optional, default);
    value_rows: iterable of (contract column, SM value, contract value).
    """
    built = []
    for contract_column, sources, join_with, optional, default in rules:
        names = tuple(_key(name) for name in (sources or "").split(",") if _key(name))
        built.append(
            ColumnRule(contract_column, names, join_with or "", bool(optional), default or None)
        )
    values = {}
    for contract_column, sm_value, value in value_rows:
        values.setdefault(contract_column, {})[_key(sm_value)] = value or ""
    return ColumnMap(tuple(built), values)
