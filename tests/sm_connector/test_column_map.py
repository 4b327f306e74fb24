"""The column map (SM's own columns and codes → the contract's), property-tested."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sm_connector.entities import ENTITY
from odoo.addons.sm_connector.parsers.column_map import (
    ColumnMap,
    ColumnMapError,
    build_map,
)
from odoo.addons.sm_connector.parsers.export_parser import iter_records
from odoo.addons.sm_connector.parsers.record_validator import SmRecordError

COLUMNS = list(ENTITY["contacts"].export_columns)
cell = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèà-'", min_size=1, max_size=10)


@given(st.lists(cell, min_size=len(COLUMNS), max_size=len(COLUMNS)))
def test_identity_map_keeps_every_cell(cells):
    column_map = ColumnMap.identity(COLUMNS)
    assert column_map.is_identity()
    header, rows = column_map.translate(COLUMNS, iter([(2, cells)]))
    number, mapped, _raw, problems = next(rows)
    assert header == COLUMNS and number == 2 and not problems
    assert mapped == [c.strip() for c in cells]


@given(st.lists(word, min_size=1, max_size=3), word)
def test_split_name_joins_back(surname_parts, first_name):
    """SM's NOM + PRENOM joined with a space is the contract's name, whatever the parts."""
    surname = " ".join(surname_parts)
    column_map = build_map([("name", "nom, prenom", " ", False, None)], [])
    planned = column_map.plan(["prenom", "nom"])
    row, problems = column_map.map_cells(planned, [first_name, surname])
    assert row == {"name": f"{surname} {first_name}"} and not problems
    # a company has no first name: no trailing blank
    row, _problems = column_map.map_cells(planned, ["", surname])
    assert row == {"name": surname}


@given(st.dictionaries(word, word, min_size=1, max_size=6), st.data())
def test_value_map_maps_known_codes_and_refuses_others(codes, data):
    values = [("kind", code, value) for code, value in codes.items()]
    column_map = build_map([("kind", "type", " ", False, None)], values)
    planned = column_map.plan(["type"])
    code = data.draw(st.sampled_from(sorted(codes)))
    spelled = data.draw(st.sampled_from([code, code.upper(), f"  {code} "]))
    row, problems = column_map.map_cells(planned, [spelled])
    assert not problems and row["kind"] == codes[code]
    unknown = data.draw(word.filter(lambda w: w.casefold() not in {c.casefold() for c in codes}))
    row, problems = column_map.map_cells(planned, [unknown])
    assert problems == [f"kind: SM value {unknown!r} has no mapping"]
    # an empty cell stays empty, never an error
    assert column_map.map_cells(planned, [""]) == ({"kind": ""}, [])


def test_missing_optional_column_takes_its_default_and_required_one_refuses_the_file():
    column_map = build_map(
        [("street2", "rue2", " ", True, "-"), ("city", "localite", " ", False, None)], []
    )
    row, problems = column_map.map_cells(column_map.plan(["localite"]), ["Liège"])
    assert row == {"street2": "-", "city": "Liège"} and not problems
    with pytest.raises(ColumnMapError, match=r"city \(localite\)"):
        column_map.plan(["rue2"])


def test_unmapped_value_is_a_row_error_in_the_export_parser():
    rules = [(column, column, " ", False, None) for column in COLUMNS]
    column_map = build_map(rules, [("kind", "C", "customer")])
    cells = dict.fromkeys(COLUMNS, "")
    cells.update(sm_id="C1", kind="X", name="A", updated_at="01/01/2026 10:00:00", deleted="0")
    good = dict(cells, sm_id="C2", kind="c")
    rows = [(2, [cells[c] for c in COLUMNS]), (3, [good[c] for c in COLUMNS])]
    out = list(iter_records("contacts", COLUMNS, iter(rows), column_map))
    assert isinstance(out[0][2], SmRecordError) and "kind: SM value 'X'" in str(out[0][2])
    assert out[0][1]["sm_id"] == "C1"
    assert out[1][2]["kind"] == "customer" and out[1][2]["id"] == "C2"
