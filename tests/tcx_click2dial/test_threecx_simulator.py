"""The simulated 3CX v20 PBX: OAuth token endpoint, makecall, faults, control endpoints."""

import subprocess
import sys
import time

import requests

from .conftest import CLIENT_ID, CLIENT_SECRET


def token(pbx, client_id=CLIENT_ID, secret=CLIENT_SECRET, grant="client_credentials"):
    return requests.post(
        f"{pbx.base_url}/connect/token",
        timeout=5,
        data={"grant_type": grant, "client_id": client_id, "client_secret": secret},
    )


def makecall(pbx, access_token, dn="101", body=None):
    return requests.post(
        f"{pbx.base_url}/callcontrol/{dn}/makecall",
        json={"destination": "+32475123456"} if body is None else body,
        headers={"Authorization": f"Bearer {access_token}"} if access_token else {},
        timeout=5,
    )


def test_token_endpoint(pbx):
    answer = token(pbx)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"token_type", "expires_in", "access_token", "refresh_token"}
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 60)
    assert answer.headers["Cache-Control"] == "no-store"
    assert token(pbx, secret="nope").json() == {"error": "invalid_client"}
    assert token(pbx, client_id="other").status_code == 400
    assert token(pbx, grant="password").json() == {"error": "unsupported_grant_type"}
    as_json = requests.post(
        f"{pbx.base_url}/connect/token", json={"client_id": CLIENT_ID}, timeout=5
    )
    assert as_json.status_code == 400
    assert pbx.state.stats()["tokens_issued"] == 1
    assert pbx.state.stats()["token_failures"] == 3


def test_makecall_success_shape(pbx):
    access = token(pbx).json()["access_token"]
    answer = makecall(pbx, access)
    assert answer.status_code == 200
    body = answer.json()
    assert body["finalstatus"] == "Success"
    assert body["result"]["dn"] == "101" and body["result"]["party_caller_id"] == "+32475123456"
    assert pbx.calls[0]["dn"] == "101" and pbx.calls[0]["destination"] == "+32475123456"
    assert pbx.calls[0]["body"] == {"destination": "+32475123456"}


def test_makecall_refusals(pbx):
    access = token(pbx).json()["access_token"]
    unauthorized = makecall(pbx, None)
    assert unauthorized.status_code == 401 and unauthorized.content == b""
    assert "invalid_token" in unauthorized.headers["WWW-Authenticate"]
    assert makecall(pbx, "forged").status_code == 401
    unknown = makecall(pbx, access, dn="999")
    assert (unknown.status_code, unknown.json()["reasontext"]) == (404, "DN 999 not found")
    bad = makecall(pbx, access, body={"destination": "call Julie"})
    assert (bad.status_code, bad.json()["reason"]) == (400, "InvalidDestination")
    assert makecall(pbx, access, body=["x"]).status_code == 400
    pbx.set_offline("102")
    offline = makecall(pbx, access, dn="102")
    assert (offline.status_code, offline.json()["finalstatus"]) == (422, "Failure")
    assert pbx.calls == [] and len(pbx.rejected) == 4


def test_tokens_expire(pbx):
    pbx.state.token_ttl = 0.2
    access = token(pbx).json()["access_token"]
    assert makecall(pbx, access).status_code == 200
    time.sleep(0.3)
    assert makecall(pbx, access).status_code == 401
    fresh = token(pbx).json()["access_token"]
    assert makecall(pbx, fresh).status_code == 200
    pbx.expire_tokens()
    assert makecall(pbx, fresh).status_code == 401


def test_faults_and_control_endpoints(pbx):
    added = requests.post(
        f"{pbx.base_url}/_sim/faults",
        json={"mode": "status", "path": "/callcontrol", "status": 503},
        timeout=5,
    )
    assert added.status_code == 201
    access = token(pbx).json()["access_token"]
    assert makecall(pbx, access).status_code == 503
    assert makecall(pbx, access).status_code == 200
    calls = requests.get(f"{pbx.base_url}/_sim/calls", timeout=5).json()
    assert len(calls["calls"]) == 1
    assert requests.post(f"{pbx.base_url}/_sim/expire-tokens", timeout=5).json() == {"expired": 1}
    requests.post(f"{pbx.base_url}/_sim/offline", json={"extensions": ["101"]}, timeout=5)
    assert pbx.state.offline == {"101"}
    stats = requests.get(f"{pbx.base_url}/_sim/stats", timeout=5).json()
    assert stats["calls"] == 1 and stats["offline"] == ["101"]
    assert requests.delete(f"{pbx.base_url}/_sim/calls", timeout=5).json() == {"cleared": 1}
    reset = requests.post(f"{pbx.base_url}/_sim/reset", timeout=5).json()
    assert reset["tokens_issued"] == 0 and reset["offline"] == []
    assert requests.get(f"{pbx.base_url}/nowhere", timeout=5).status_code == 404


def test_web_client_page(pbx):
    page = requests.get(f"{pbx.base_url}/webclient/#/call?phone=%2B32475123456", timeout=5)
    assert page.status_code == 200 and "3CX Web Client" in page.text


def test_cli_serve_prints_its_url():
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulators.threecx",
            "serve",
            "--port",
            "0",
            "--client-id",
            "cli",
            "--client-secret",
            "x",
            "--extensions",
            "301",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        answer = requests.post(
            f"{url}/connect/token",
            timeout=5,
            data={"grant_type": "client_credentials", "client_id": "cli", "client_secret": "x"},
        )
        assert answer.status_code == 200
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
