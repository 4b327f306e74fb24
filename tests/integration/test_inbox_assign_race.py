"""Two intakes assigning in one team at the same moment never take an agent over the
channel's capacity: real Odoo, real PostgreSQL, two cursors in two threads
(assign_race_driver.py), against a copy of the test database."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("assign_race_driver.py")


def race(odoo_db, scenario):
    db, conf = odoo_db
    proc = subprocess.run(
        [sys.executable, str(DRIVER), "-c", conf, "-d", db, "--scenario", scenario],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert not result["errors"], result
    assert " ERROR " not in proc.stderr, proc.stderr[-3000:]
    return result


@pytest.mark.parametrize("scenario", ["stale", "waiting", "mail", "queue"])
def test_second_intake_sees_the_first_ones_ticket(odoo_db, scenario):
    """One agent, one open ticket per agent in the channel, two requests for the team: the
    second must not read the load from before the first ticket (stale snapshot; waiting
    on the first transaction; an e-mail as the mail fetcher processes it and a chat as the
    iAdvize queue's cron processes it, which Odoo does not retry by themselves)."""
    result = race(odoo_db, scenario)
    tickets = dict(result["tickets"])
    assert len(tickets) == 2, "both requests became tickets, none was lost"
    assert result["agent_open_in_channel"] == 1, "never over the channel's capacity"
    assert tickets[result["a"]], "the first ticket went to the agent"
    assert tickets[result["b"]] is None, "the second to nobody (the lead is told)"
    if scenario == "waiting":
        assert result.get("b_waited_on_lock"), "the second intake waited for the first"
    if scenario == "queue":
        assert (result["event_state"], result["event_attempts"]) == ("done", 1), (
            "a concurrent update is not the chat's failure: processed at once, its one attempt the successful one"
        )
