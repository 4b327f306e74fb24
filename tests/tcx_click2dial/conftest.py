"""A real 3CX simulator on a free localhost port, per test."""

import pytest

from simulators.threecx import ThreeCXSimulator

CLIENT_ID, CLIENT_SECRET = "odoo", "s3cret"


@pytest.fixture
def pbx():
    sim = ThreeCXSimulator(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, extensions=["101", "102"], token_ttl=60
    )
    sim.start()
    yield sim
    sim.stop()
