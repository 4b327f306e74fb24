"""Integration tests: real Odoo processes against a copy of the test database.

`make test` runs them after the Odoo tests, with SUITE_TEST_DB (a database where the suite is
installed), ODOO_CONF and the PG* variables set. Run alone, they are skipped.
"""

import os
import uuid

import psycopg2
import pytest


def _connect(dbname="postgres"):
    return psycopg2.connect(
        dbname=dbname,
        host=os.environ.get("PGHOST"),
        port=os.environ.get("PGPORT"),
        user=os.environ.get("PGUSER"),
        password=os.environ.get("PGPASSWORD") or None,
    )


@pytest.fixture
def odoo_db():
    """A throw-away copy of the test database; yields (name, odoo.conf path)."""
    template, conf = os.environ.get("SUITE_TEST_DB"), os.environ.get("ODOO_CONF")
    if not template or not conf:
        pytest.skip("needs SUITE_TEST_DB and ODOO_CONF (set by `make test`)")
    name = f"{template}_it_{uuid.uuid4().hex[:6]}"
    admin = _connect()
    admin.autocommit = True
    with admin.cursor() as cr:
        cr.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield name, conf
    finally:
        with admin.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def query(odoo_db):
    """Run one SQL query against the copy in a fresh connection (sees every commit)."""

    def run(sql, params=None):
        with _connect(odoo_db[0]) as conn, conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()

    return run
