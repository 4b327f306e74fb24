"""Fault injection as a ``requests`` client sees it (real sockets, no mocks)."""

import threading
import time

import pytest
import requests

from simulators.common import FaultInjector, fault_from_dict


def test_status_fault_hits_the_next_n_matching_requests_only(fresh_sim, fresh_client):
    fresh_sim.faults.add("status", "/api/v1/contacts", count=2, status=503, retry_after=7)
    first = fresh_client.get("/api/v1/contacts")
    assert first.status_code == 503
    assert first.json()["error"] == "http_503"
    assert first.headers["Retry-After"] == "7"
    assert fresh_client.get("/api/v1/articles").status_code == 200  # other path untouched
    assert fresh_client.get("/api/v1/contacts/ids").status_code == 503  # prefix match
    assert fresh_client.get("/api/v1/contacts").status_code == 200
    assert fresh_sim.faults.pending() == []


@pytest.mark.parametrize("status", [500, 502, 503])
def test_status_codes(fresh_sim, fresh_client, status):
    fresh_sim.faults.add("status", "/", status=status)
    response = fresh_client.get("/api/v1/ping")
    assert response.status_code == status
    assert response.json()["message"]


def test_after_lets_k_requests_through_first(fresh_sim, fresh_client):
    fresh_sim.faults.add("status", "/api/v1/orders", count=1, status=500, after=2)
    codes = [fresh_client.get("/api/v1/orders", limit=1).status_code for _ in range(4)]
    assert codes == [200, 200, 500, 200]


def test_faults_queue_in_order(fresh_sim, fresh_client):
    fresh_sim.faults.add("status", "/api/v1/", status=502)
    fresh_sim.faults.add("status", "/api/v1/", status=503)
    codes = [fresh_client.get("/api/v1/ping").status_code for _ in range(3)]
    assert codes == [502, 503, 200]


def test_timeout_holds_the_connection(fresh_sim, fresh_client):
    fresh_sim.faults.add("timeout", "/api/v1/contacts", seconds=3)
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(
            fresh_client.base + "/api/v1/contacts",
            timeout=0.5,
            headers={"X-SM-Api-Key": fresh_sim.api_key},
        )
    assert time.monotonic() - started < 2.5
    assert fresh_client.get("/api/v1/contacts").status_code == 200


def test_timeout_then_close_without_answer(fresh_sim, fresh_client):
    fresh_sim.faults.add("timeout", "/api/v1/ping", seconds=0.3)
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(
            fresh_client.base + "/api/v1/ping",
            timeout=5,
            headers={"X-SM-Api-Key": fresh_sim.api_key},
        )


def test_truncated_body_fails_json_decoding(fresh_sim, fresh_client):
    fresh_sim.faults.add("truncated", "/api/v1/orders")
    response = fresh_client.get("/api/v1/orders", limit=20)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.content.startswith(b'{"data":[')
    with pytest.raises(requests.exceptions.JSONDecodeError):
        response.json()
    assert fresh_client.get("/api/v1/orders", limit=20).json()["data"]


def test_slow_answers_normally_but_late(fresh_sim, fresh_client):
    fresh_sim.faults.add("slow", "/api/v1/articles", seconds=0.4)
    started = time.monotonic()
    response = fresh_client.get("/api/v1/articles", limit=5)
    assert time.monotonic() - started >= 0.4
    assert response.status_code == 200 and len(response.json()["data"]) == 5


def test_http_control_endpoint(fresh_client):
    created = fresh_client.post(
        "/_sim/faults", {"mode": "status", "status": 502, "path": "/api/v1/ping", "count": 3}
    )
    assert created.status_code == 201
    assert created.json()["faults"][0]["count"] == 3
    listed = fresh_client.get("/_sim/faults").json()["faults"]
    assert [fault["mode"] for fault in listed] == ["status"]
    assert fresh_client.get("/api/v1/ping").status_code == 502
    assert fresh_client.get("/_sim/stats").status_code == 200  # control paths never faulted
    cleared = fresh_client.http.delete(fresh_client.base + "/_sim/faults", timeout=5)
    assert cleared.json() == {"cleared": 1}
    assert fresh_client.get("/api/v1/ping").status_code == 200
    several = fresh_client.post(
        "/_sim/faults", [{"mode": "slow", "seconds": 0.01}, {"mode": "truncated"}]
    )
    assert len(several.json()["faults"]) == 2


@pytest.mark.parametrize(
    "body",
    [
        {"mode": "explode"},
        {"mode": "status", "status": 42},
        {"mode": "slow", "seconds": -1},
        {"mode": "status", "path": "api"},
        {"mode": "status", "count": 0},
        {"mode": "status", "after": "2"},
    ],
)
def test_invalid_faults_are_refused(fresh_client, body):
    response = fresh_client.post("/_sim/faults", body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_fault"


def test_stop_does_not_wait_for_a_held_connection(fresh_sim):
    fresh_sim.faults.add("timeout", "/api/v1/ping", seconds=30)
    errors = []

    def call():
        try:
            requests.get(
                fresh_sim.base_url + "/api/v1/ping",
                timeout=10,
                headers={"X-SM-Api-Key": fresh_sim.api_key},
            )
        except requests.RequestException as exc:
            errors.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(0.3)
    started = time.monotonic()
    fresh_sim.stop()
    caller.join(timeout=5)
    assert time.monotonic() - started < 3
    assert errors  # the held request ended with a connection error, not an answer


def test_injector_python_api():
    injector = FaultInjector()
    fault = injector.add("slow", "/x", count=2, seconds=0.1)
    assert fault.id == 1 and fault.seconds == 0.1
    assert injector.take("/y") is None
    assert injector.take("/_sim/faults") is None
    assert injector.take("/x/1") is fault and injector.take("/x") is fault
    assert injector.take("/x") is None
    assert fault_from_dict({"mode": "timeout"}).seconds == 10.0
