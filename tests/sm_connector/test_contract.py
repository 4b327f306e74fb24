"""The exchange contract, held together: OpenAPI file, entity registry, export columns, record
validator and simulator say the same thing about every entity's fields.

The contract is written in four places on purpose (SM's side must be playable without Odoo,
the connector must not trust SM): this test fails as soon as one of them drifts — a field
renamed, a column added, a type changed, a field the client requires that the contract leaves
optional.
"""

import ast
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from odoo.addons.sm_connector.entities import ENTITIES, ENTITY_NAMES
from odoo.addons.sm_connector.parsers import export_parser
from odoo.addons.sm_connector.parsers.record_validator import (
    VALIDATORS,
    SmRecordError,
    validate,
)
from simulators.silicon_master import dataset as sim_dataset
from simulators.silicon_master import exports as sim_exports

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_FILE = ROOT / "addons/sm_connector/static/description/sm_api_v1.yaml"
# the schema of the items of an entity's nested list fields
NESTED = {"orders": {"lines": "OrderLine"}}


@pytest.fixture(scope="module")
def contract():
    return yaml.safe_load(CONTRACT_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data():
    """A small simulated SM (dirty records included: they are still in the contract's shape)."""
    return sim_dataset.generate(contacts=80, articles=60, orders=80, seed=11)


def _schema(contract, name):
    return contract["components"]["schemas"][name]


def _resolve(contract, spec):
    """Follow `$ref` and single `allOf` wrappers; return (schema, nullable)."""
    nullable = bool(spec.get("nullable"))
    while True:
        if "$ref" in spec:
            spec = _schema(contract, spec["$ref"].rsplit("/", 1)[-1])
        elif len(spec.get("allOf", ())) == 1:
            spec = spec["allOf"][0]
        else:
            return spec, nullable or bool(spec.get("nullable"))


def _type_errors(contract, spec, value, where):  # noqa: C901 (one branch per JSON type)
    """Why `value` does not fit the contract's `spec` (empty list: it fits)."""
    spec, nullable = _resolve(contract, spec)
    if value is None:
        return [] if nullable else [f"{where}: null, not nullable in the contract"]
    kind = spec.get("type")
    checks = {
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    if kind not in checks:
        return [f"{where}: contract type {kind!r} unknown to this test"]
    if not checks[kind](value):
        return [f"{where}: {type(value).__name__} where the contract says {kind}"]
    errors = []
    if "enum" in spec and value not in spec["enum"]:
        errors.append(f"{where}: {value!r} not in the contract's enum")
    if spec.get("format") == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            errors.append(f"{where}: {value!r} is not a contract date")
    if spec.get("format") == "date-time":
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            errors.append(f"{where}: {value!r} is not a contract timestamp")
    if kind == "array" and "items" in spec:
        for index, item in enumerate(value):
            errors += _type_errors(contract, spec["items"], item, f"{where}[{index}]")
    if kind == "object" and "properties" in spec:
        unknown = set(value) - set(spec["properties"])
        if unknown:
            errors.append(f"{where}: fields {sorted(unknown)} not in the contract")
        for key, item in value.items():
            if key in spec["properties"]:
                errors += _type_errors(contract, spec["properties"][key], item, f"{where}.{key}")
    return errors


# ----------------------------------------------------------------- entity lists


def test_every_place_lists_the_registry_entities(contract):
    assert list(contract["components"]["parameters"]["Entity"]["schema"]["enum"]) == list(
        ENTITY_NAMES
    )
    assert set(VALIDATORS) == set(ENTITY_NAMES)
    assert tuple(sim_dataset.ENTITIES) == ENTITY_NAMES
    for entity in ENTITIES:
        assert entity.schema in contract["components"]["schemas"], entity.name
        assert export_parser.entity_of(f"{entity.name}_20261120083000.csv") == (entity.name, "csv")
        for dependency in entity.depends_on:
            # dependencies come first: loops over the registry import them before
            assert ENTITY_NAMES.index(dependency) < ENTITY_NAMES.index(entity.name)
    assert export_parser.entity_of("suppliers_20261120083000.csv") is None


def test_export_columns_agree(contract):
    declared = contract["x-file-exports"]["columns"]
    assert list(declared) == list(ENTITY_NAMES)
    for entity in ENTITIES:
        assert list(entity.export_columns) == declared[entity.name], entity.name
        assert export_parser.COLUMNS[entity.name] == declared[entity.name], entity.name
        assert sim_exports.COLUMNS[entity.name] == declared[entity.name], entity.name
        assert entity.row_key in entity.export_columns, entity.name
    sim_decimals = {col for col, kind in sim_exports.KINDS.items() if kind == "decimal"}
    assert sim_decimals == export_parser.DECIMAL_COLUMNS


# ------------------------------------------------------------------- field level


def test_simulator_records_fit_the_contract(contract, data):
    for entity in ENTITIES:
        schema = _schema(contract, entity.schema)
        required = set(schema["required"])
        seen = set()
        errors = []
        for record in data.records(entity.name):
            seen |= set(record)
            missing = required - set(record)
            if missing:
                errors.append(f"{record.get('id')}: required {sorted(missing)} missing")
            where = f"{entity.name} {record.get('id')}"
            errors += _type_errors(contract, schema, record, where)
        assert not errors, errors[:10]
        # the simulator plays every field the contract describes
        assert seen == set(schema["properties"]), entity.name


def test_validator_output_is_the_contract_shape(contract, data):
    for entity in ENTITIES:
        schema = _schema(contract, entity.schema)
        errors = []
        for record in data.records(entity.name):
            canonical = validate(entity.name, record)
            assert set(canonical) == set(schema["properties"]), entity.name
            errors += _type_errors(contract, schema, canonical, f"{entity.name} {record['id']}")
        assert not errors, errors[:10]
    gone = {"id": "C1", "deleted": True, "updated_at": "2026-11-20T10:11:12Z"}
    tombstone = validate("contacts", gone)
    assert set(tombstone) == set(_schema(contract, "Tombstone")["properties"])


def _validator_required(entity, record, fields, nested=None):
    """The fields whose absence makes the validator refuse `record` (of a nested item if
    `nested` names the list field whose first item is stripped)."""
    required = set()
    for name in fields:
        stripped = dict(record)
        if nested:
            stripped[nested] = [
                {k: v for k, v in record[nested][0].items() if k != name},
                *record[nested][1:],
            ]
        else:
            stripped.pop(name, None)
        try:
            validate(entity, stripped)
        except SmRecordError:
            required.add(name)
    return required


def test_validator_requires_only_what_the_contract_requires(contract, data):
    for entity in ENTITIES:
        schema = _schema(contract, entity.schema)
        record = data.records(entity.name)[0]
        demanded = _validator_required(entity.name, record, schema["properties"])
        assert demanded <= set(schema["required"]), (entity.name, demanded)
        assert {"id", "updated_at"} <= demanded, entity.name
        for field_name, item_schema in NESTED.get(entity.name, {}).items():
            item = _schema(contract, item_schema)
            with_items = next(r for r in data.records(entity.name) if r[field_name])
            demanded = _validator_required(
                entity.name, with_items, item["properties"], nested=field_name
            )
            assert demanded <= set(item["required"]), (entity.name, field_name, demanded)


def test_export_files_carry_the_same_records_as_the_api(data, tmp_path):
    """Simulator export → export parser → validator equals the API record → validator."""
    for entity in ENTITIES:
        records = data.records(entity.name)
        path = sim_exports.write_csv(tmp_path / f"{entity.name}.csv", entity.name, records)
        header, rows = export_parser.read_csv_rows(path.read_bytes())
        parsed = {}
        for _number, _raw, record in export_parser.iter_records(entity.name, header, rows):
            assert not isinstance(record, Exception), record
            canonical = validate(entity.name, record)
            parsed[canonical["id"]] = canonical
        assert parsed == {r["id"]: validate(entity.name, r) for r in records}, entity.name


# ------------------------------------------------------------------ independence


def test_simulator_never_imports_product_code():
    offenders = []
    for path in (ROOT / "simulators").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}: {name}"
                for name in names
                if name.split(".")[0] in ("odoo", "addons") or "sm_connector" in name
            ]
    assert not offenders
