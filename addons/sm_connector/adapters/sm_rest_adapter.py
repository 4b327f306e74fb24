# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""REST/JSON transport of the SM exchange contract (static/description/sm_api_v1.yaml)."""

import logging
import time

import requests

from ..entities import ENTITY
from .errors import SmTransportError
from .page import SmPage

_logger = logging.getLogger(__name__)
API = "/api/v1"
# Worth retrying: SM busy, proxy hiccups. 4xx means our request is wrong: retrying won't help.
RETRY_STATUSES = {429, 500, 502, 503, 504}


class SmRestAdapter:
    """Reads SM over HTTP with an API key; retries transient failures with backoff."""

    def __init__(self, base_url, api_key, timeout=30.0, retries=2, backoff=1.0, session=None):
        self.base_url = (base_url or "").rstrip("/")
        self.api_key = api_key or ""
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.session = session or requests.Session()
        self.session.headers.update({"X-SM-Api-Key": self.api_key, "Accept": "application/json"})

    def _get(self, path, params=None):
        """GET a JSON document; raise SmTransportError with a readable reason."""
        if not self.base_url:
            raise SmTransportError("No SM URL configured.")
        url = f"{self.base_url}{API}{path}"
        last_error = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.session.get(url, params=params, timeout=self.timeout)
            except requests.Timeout:
                last_error = f"SM did not answer within {self.timeout:g} s ({url})"
                continue
            except requests.RequestException as exc:
                last_error = f"SM unreachable at {self.base_url}: {exc.__class__.__name__}"
                continue
            if response.status_code in RETRY_STATUSES:
                last_error = f"SM answered HTTP {response.status_code} on {path}"
                continue
            if response.status_code == 404:
                return None
            if response.status_code >= 400:
                raise SmTransportError(
                    f"SM refused the request (HTTP {response.status_code}): {_reason(response)}",
                    status=response.status_code,
                )
            try:
                return response.json()
            except ValueError:
                last_error = f"SM sent an incomplete or invalid JSON answer on {path}"
                continue
        _logger.warning("SM request failed after %s attempt(s): %s", self.retries + 1, last_error)
        raise SmTransportError(last_error)

    def ping(self):
        """Check connectivity and key; return SM's answer (status, version, server_time)."""
        answer = self._get("/ping")
        if not isinstance(answer, dict) or answer.get("status") != "ok":
            raise SmTransportError(f"Unexpected answer to ping: {answer!r}")
        return answer

    def fetch_page(self, entity, updated_since=None, cursor=None, limit=200):
        """One page of `entity` changed since `updated_since` (or after `cursor`)."""
        params = {"limit": int(limit)}
        if cursor:
            params["cursor"] = cursor
        elif updated_since:
            params["updated_since"] = updated_since.strftime("%Y-%m-%dT%H:%M:%SZ")
        answer = self._get(ENTITY[entity].endpoint, params)
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
            raise SmTransportError(f"SM page for {entity} has no 'data' list")
        return SmPage(
            records=answer["data"],
            next_cursor=answer.get("next_cursor"),
            remaining=answer.get("remaining"),
        )

    def iter_pages(self, entity, updated_since=None, cursor=None, limit=200):
        """Every page after the watermark/cursor, in SM's (updated_at, id) order."""
        while True:
            page = self.fetch_page(entity, updated_since=updated_since, cursor=cursor, limit=limit)
            yield page
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    def fetch_one(self, entity, sm_id):
        """One record by SM id, or None if SM doesn't know it."""
        return self._get(f"{ENTITY[entity].endpoint}/{requests.utils.quote(str(sm_id), safe='')}")

    def iter_ids(self, entity, limit=5000):
        """Ids of every live record of `entity` (full reconciliation)."""
        cursor = None
        while True:
            params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
            answer = self._get(f"{ENTITY[entity].endpoint}/ids", params)
            if not isinstance(answer, dict) or not isinstance(answer.get("ids"), list):
                raise SmTransportError(f"SM id list for {entity} is malformed")
            yield from answer["ids"]
            cursor = answer.get("next_cursor")
            if not cursor:
                return


def _reason(response):
    try:
        body = response.json()
        return body.get("message") or body.get("error") or response.reason
    except ValueError:
        return response.reason or response.text[:200]
