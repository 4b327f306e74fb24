"""Push pings: SM tells Odoo "entity X changed" (sm_connector's ``POST /sm/push/<backend>``).

Wire format (documented in sm_connector's ``sm_api_v1.yaml``, ``x-push``): a JSON body
``{"entity": "orders", "ping_id": "<unique>"}``, headers ``X-SM-Timestamp`` (Unix seconds) and
``X-SM-Signature: sha256=<hex>``, the HMAC-SHA256 with the backend's push secret of
``<timestamp>.<body>``. Written here on its own (no product code imported).

Fault injection (``fault``): ``bad_signature`` signs with another key, ``stale`` sends a
timestamp an hour old, ``replay`` sends each ping twice, byte for byte.
"""

import hashlib
import hmac
import json
import threading
import time
import uuid

import requests

FAULTS = ("bad_signature", "stale", "replay")


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of ``<timestamp>.<body>`` keyed with ``secret``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


class PushSender:
    """Sends pings to one Odoo endpoint; remembers each answer (status, JSON) in ``log``."""

    def __init__(self):
        self.url = None
        self.secret = ""
        self.fault = None
        self.log = []
        self._lock = threading.Lock()

    def configure(self, url=None, secret="", fault=None):
        """Where to push (None: pushing off), the shared secret, and an optional fault."""
        if fault not in (None, *FAULTS):
            raise ValueError(f"fault must be one of {', '.join(FAULTS)}")
        self.url, self.secret, self.fault = url, secret or "", fault
        return {"url": url, "fault": fault}

    def ping(self, entity: str) -> list:
        """Send one ping for ``entity`` (twice under ``replay``); returns the answers."""
        if not self.url:
            return []
        body = json.dumps({"entity": entity, "ping_id": uuid.uuid4().hex}).encode()
        timestamp = str(int(time.time()) - (3600 if self.fault == "stale" else 0))
        key = "not-the-secret" if self.fault == "bad_signature" else self.secret
        headers = {
            "Content-Type": "application/json",
            "X-SM-Timestamp": timestamp,
            "X-SM-Signature": signature(key, timestamp, body),
        }
        answers = []
        for _attempt in range(2 if self.fault == "replay" else 1):
            try:
                response = requests.post(self.url, data=body, headers=headers, timeout=10)
                answer = (response.status_code, _json(response))
            except requests.RequestException as exc:
                answer = (None, {"error": type(exc).__name__})
            answers.append(answer)
        with self._lock:
            self.log.extend(answers)
        return answers


def _json(response):
    try:
        return response.json()
    except ValueError:
        return {}
