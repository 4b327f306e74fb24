"""Fixtures for the simulator tests: a real Silicon Master on a free localhost port."""

import pytest
import yaml
from sm_client import CONTRACT, SmClient, start_sim


@pytest.fixture(scope="module")
def sim():
    """A simulator shared by a module's read-only tests."""
    simulator = start_sim()
    yield simulator
    simulator.stop()


@pytest.fixture
def fresh_sim():
    """A simulator of its own, for tests that change data or faults."""
    simulator = start_sim(contacts=150, articles=100, orders=200, seed=5)
    yield simulator
    simulator.stop()


@pytest.fixture(scope="module")
def client(sim):
    return SmClient(sim)


@pytest.fixture
def fresh_client(fresh_sim):
    return SmClient(fresh_sim)


@pytest.fixture(scope="session")
def contract():
    """The OpenAPI contract, parsed."""
    return yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
