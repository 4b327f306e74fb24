"""pytest plugin for the Odoo test runs of `make test` (loaded with `-p odoo_runner_parity`).

pytest-odoo 2.3 runs Odoo's test classes in a process that Odoo's own runner did not set
up. Odoo's runner (odoo/service/server.py, preload_registries) names the database on the
main thread (``threading.current_thread().dbname``) before it runs the post-install
tests, and some Odoo code reads it there: ``ir.http.routing_map()``
(base/models/ir_http.py) when the routing cache is empty, e.g. in website's technical-page
tests (website/tests/test_website_technical_page.py, inherited by website_slides). Under
pytest-odoo alone those tests fail with ``AttributeError: '_MainThread' object has no
attribute 'dbname'``, whatever add-ons are installed. This fixture gives the main thread
the same attribute, nothing else.
"""

import threading

import pytest


@pytest.fixture(scope="session", autouse=True)
def odoo_main_thread_dbname(load_registry):
    """Set the main thread's ``dbname`` as Odoo's runner does (after pytest-odoo's registry)."""
    # Imported here, once pytest-odoo has read the Odoo configuration.
    from odoo.tests.common import get_db_name

    threading.current_thread().dbname = get_db_name()
    yield
