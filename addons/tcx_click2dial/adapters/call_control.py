# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""3CX v20 Call Control API: OAuth client-credentials token, then ``makecall``.

* ``POST {pbx}/connect/token`` (form: ``grant_type=client_credentials``, ``client_id``,
  ``client_secret``) -> ``{"access_token", "expires_in", "token_type": "Bearer"}``. The token
  is cached per process until shortly before ``expires_in`` seconds (RFC 6749 units), and
  renewed once when 3CX answers 401 anyway (expired early, PBX restarted, secret changed).
* ``POST {pbx}/callcontrol/{dn}/makecall`` with ``{"destination": "+32475123456"}`` and
  ``Authorization: Bearer <token>``: 3CX rings the extension ``dn``, then dials the
  destination. The answer carries ``finalstatus`` (``Success``/``Failure``), ``reason``,
  ``reasontext`` and ``result`` (the agent's connection).

``makecall`` is never retried after a timeout or a 5xx: the phone may already be ringing.
"""

import logging
import time
from urllib.parse import quote

import requests

from odoo.addons.suite_base.tools.token_cache import TokenCache, TokenClient, cache_key

from .errors import TcxAuthError, TcxProtocolError, TcxRefusedError, TcxUnreachableError

_logger = logging.getLogger(__name__)

TOKEN_PATH = "/connect/token"
MAKECALL_PATH = "/callcontrol/{dn}/makecall"


TOKENS = TokenCache()


def _reason(response):
    """The most telling text of an error answer."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in (
            "reasontext",
            "reason",
            "error_description",
            "message",
            "detail",
            "title",
            "error",
        ):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()[:300]
    text = (response.text or "").strip()
    return text[:300] if text and not text.startswith("<") else f"HTTP {response.status_code}"


class TcxCallControlAdapter(TokenClient):
    """One PBX, one API client. Cheap to build: the token lives in :data:`TOKENS`."""

    def __init__(
        self,
        base_url,
        client_id,
        client_secret,
        *,
        timeout=10.0,
        session=None,
        cache=None,
        clock=time.monotonic,
    ):
        super().__init__(base_url, timeout, session, cache if cache is not None else TOKENS, clock)
        self.client_id = client_id or ""
        self.client_secret = client_secret or ""
        self.cache_key = cache_key(self.base_url, self.client_id, secret=self.client_secret)

    # transport -----------------------------------------------------------------------
    def _post(self, path, **kwargs):
        if not self.base_url:
            raise TcxUnreachableError("no PBX URL configured")
        url = f"{self.base_url}{path}"
        try:
            return self.session.post(url, timeout=self.timeout, **kwargs)
        except requests.Timeout as exc:
            raise TcxUnreachableError(
                f"no answer from {self.base_url} within {self.timeout:g} s"
            ) from exc
        except requests.RequestException as exc:
            raise TcxUnreachableError(
                f"{self.base_url} unreachable ({exc.__class__.__name__})"
            ) from exc

    @staticmethod
    def _json(response, what):
        try:
            return response.json()
        except ValueError as exc:  # truncated or HTML answer
            raise TcxProtocolError(
                f"unreadable answer to {what} (HTTP {response.status_code})"
            ) from exc

    # token ---------------------------------------------------------------------------
    def fetch_token(self):
        """Ask 3CX for a new token; returns ``(access_token, expires_in_seconds)``."""
        if not self.client_id or not self.client_secret:
            raise TcxAuthError("client id or secret missing")
        response = self._post(
            TOKEN_PATH,
            data={
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            },
            headers={"Accept": "application/json"},
        )
        if response.status_code in (400, 401, 403):
            raise TcxAuthError(_reason(response))
        if response.status_code >= 400:
            raise TcxUnreachableError(f"3CX answered HTTP {response.status_code} on {TOKEN_PATH}")
        body = self._json(response, "the token request")
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise TcxProtocolError("the token answer has no access_token")
        try:
            expires_in = max(0.0, float(body.get("expires_in") or 0))
        except (TypeError, ValueError):
            expires_in = 0.0
        return token, expires_in

    def token(self, force=False):
        """A valid cached token, or a fresh one (``force`` skips the cache)."""

        def fetch():
            token, expires_in = self.fetch_token()
            return token, expires_in - min(30.0, expires_in * 0.1)

        return self.cached_token(fetch, force=force)

    # calls ---------------------------------------------------------------------------
    def make_call(self, dn, destination):
        """Ring extension ``dn``, then dial ``destination``; returns 3CX's answer (dict)."""
        dn = str(dn or "").strip()
        if not dn:
            raise TcxRefusedError("no extension")
        path = MAKECALL_PATH.format(dn=quote(dn, safe=""))
        payload = {"destination": destination}
        token = self.token()
        response = self._post(path, json=payload, headers={"Authorization": f"Bearer {token}"})
        if response.status_code == 401:
            # expired or revoked before its time: one new token, one more try
            self.cache.drop(self.cache_key, token)
            token = self.token(force=True)
            response = self._post(path, json=payload, headers={"Authorization": f"Bearer {token}"})
            if response.status_code == 401:
                self.cache.drop(self.cache_key, token)
                raise TcxAuthError("3CX refused a fresh token (HTTP 401)")
        if response.status_code == 429 or response.status_code >= 500:
            raise TcxUnreachableError(f"3CX answered HTTP {response.status_code}")
        if response.status_code >= 400:
            raise TcxRefusedError(_reason(response))
        body = self._json(response, "makecall")
        if not isinstance(body, dict):
            raise TcxProtocolError("makecall answer is not a JSON object")
        status = body.get("finalstatus")
        if status is not None and str(status).lower() != "success":
            raise TcxRefusedError(_reason(response))
        _logger.info("3CX makecall from %s to %s: %s", dn, destination, status or "accepted")
        return body
