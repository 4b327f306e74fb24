# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""iAdvize's GraphQL API: an OAuth token, then the ``conversation(id:)`` transcript.

* ``POST {api}/oauth2/token`` (``application/x-www-form-urlencoded``):
  ``grant_type=password&username=…&password=…`` or
  ``grant_type=client_credentials&client_id=…&client_secret=…``
  -> ``{"access_token", "token_type": "bearer", "expires_in": 3600, "refresh_token"?}``.
  The token is cached per process until shortly before it expires, and renewed once when the
  API answers 401 anyway.
* ``POST {api}/graphql`` with ``{"query", "variables"}`` and ``Authorization: Bearer <token>``
  -> ``{"data": {"conversation": {...}}}`` or ``{"errors": [{"message", "extensions"?}]}``.
  Messages come as a Relay connection; pages are fetched until ``hasNextPage`` is false.
* ``GET <attachment url>`` with the same bearer token -> the bytes of a file a visitor sent
  (a photo), ``Content-Type`` its MIME type. Only URLs on the API's own host are fetched:
  the token never leaves for another server, and a crafted URL cannot make Odoo call an
  internal address.

Failures raise :class:`IAdvizeError`; ``retryable`` says whether trying later may help.
"""

import time
from urllib.parse import urlsplit

import requests

from odoo.addons.suite_base.tools.token_cache import TokenCache, TokenClient, cache_key

from ..helpers.iadvize import CONVERSATION_QUERY, MAX_PAGES, PAGE_SIZE

TOKEN_PATH = "/oauth2/token"
GRAPHQL_PATH = "/graphql"
GRANTS = ("password", "client_credentials")


class IAdvizeError(Exception):
    """``detail``: short technical reason; ``retryable``: a later attempt may succeed."""

    def __init__(self, detail, retryable=True, status=None):
        super().__init__(detail)
        self.detail = detail
        self.retryable = retryable
        self.status = status


TOKENS = TokenCache()


class IAdvizeClient(TokenClient):
    """One iAdvize API account. Cheap to build: the token lives in :data:`TOKENS`."""

    def __init__(
        self,
        base_url,
        *,
        grant_type="password",
        username="",
        password="",
        client_id="",
        client_secret="",
        timeout=10.0,
        session=None,
        cache=None,
        clock=time.monotonic,
    ):
        if grant_type not in GRANTS:
            raise ValueError(f"unknown grant type {grant_type!r}")
        super().__init__(base_url, timeout, session, cache if cache is not None else TOKENS, clock)
        self.grant_type = grant_type
        self.username = username or ""
        self.password = password or ""
        self.client_id = client_id or ""
        self.client_secret = client_secret or ""
        who = self.username if grant_type == "password" else self.client_id
        secret = self.password if grant_type == "password" else self.client_secret
        self.cache_key = cache_key(self.base_url, grant_type, who, secret=secret)

    # transport ------------------------------------------------------------------------
    def _post(self, path, **kwargs):
        if not self.base_url:
            raise IAdvizeError("no iAdvize API URL configured", retryable=False)
        try:
            return self.session.post(f"{self.base_url}{path}", timeout=self.timeout, **kwargs)
        except requests.Timeout as exc:
            raise IAdvizeError(f"no answer within {self.timeout:g} s") from exc
        except requests.RequestException as exc:
            raise IAdvizeError(f"cannot reach {self.base_url}: {exc.__class__.__name__}") from exc

    @staticmethod
    def _json(response):
        try:
            return response.json()
        except ValueError as exc:
            raise IAdvizeError(
                f"HTTP {response.status_code}: the answer is not JSON", status=response.status_code
            ) from exc

    # token ----------------------------------------------------------------------------
    def token(self):
        """A valid token (cached per process until shortly before it expires)."""
        return self.cached_token(self._fetch_token)

    def _fetch_token(self):
        """``(access_token, seconds to keep it)`` from the token endpoint."""
        if self.grant_type == "password":
            form = {"grant_type": "password", "username": self.username, "password": self.password}
        else:
            form = {
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            }
        response = self._post(TOKEN_PATH, data=form, headers={"Accept": "application/json"})
        if response.status_code in (400, 401, 403):
            raise IAdvizeError(
                f"iAdvize refused the API credentials (HTTP {response.status_code})",
                status=response.status_code,
            )
        if response.status_code >= 300:
            raise IAdvizeError(
                f"token endpoint: HTTP {response.status_code}", status=response.status_code
            )
        body = self._json(response)
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise IAdvizeError("the token answer has no access_token")
        try:
            ttl = float(body.get("expires_in") or 3600)
        except (TypeError, ValueError):
            ttl = 3600.0
        return token, max(ttl - 30.0, 1.0)

    # GraphQL ----------------------------------------------------------------------------
    def graphql(self, query, variables):
        """``data`` of a GraphQL answer; renews the token once on 401."""
        for attempt in (1, 2):
            token = self.token()
            response = self._post(
                GRAPHQL_PATH,
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            )
            if response.status_code == 401 and attempt == 1:
                self.cache.drop(self.cache_key)
                continue
            break
        if response.status_code == 401:
            raise IAdvizeError("iAdvize refused a fresh token (HTTP 401)", status=401)
        if response.status_code == 429 or response.status_code >= 500:
            raise IAdvizeError(f"GraphQL: HTTP {response.status_code}", status=response.status_code)
        if response.status_code >= 300:
            raise IAdvizeError(
                f"GraphQL: HTTP {response.status_code}",
                retryable=response.status_code in (403, 404, 408),
                status=response.status_code,
            )
        body = self._json(response)
        if not isinstance(body, dict):
            raise IAdvizeError("GraphQL: the answer is not a JSON object")
        errors = body.get("errors")
        if errors:
            first = errors[0] if isinstance(errors, list) and errors else {}
            message = first.get("message") if isinstance(first, dict) else None
            raise IAdvizeError(f"GraphQL error: {str(message or errors)[:300]}")
        data = body.get("data")
        if not isinstance(data, dict):
            raise IAdvizeError("GraphQL: the answer has no data")
        return data

    def fetch_conversation(self, conversation_id):
        """``data.conversation`` with every message page merged into ``messages.edges``."""
        variables = {"id": conversation_id, "first": PAGE_SIZE, "after": None}
        data = self.graphql(CONVERSATION_QUERY, variables)
        conversation = data.get("conversation")
        if not isinstance(conversation, dict):
            raise IAdvizeError(f"conversation {conversation_id} not found (yet)")
        messages = (
            conversation.get("messages") if isinstance(conversation.get("messages"), dict) else {}
        )
        edges = list(messages.get("edges") or [])
        info = messages.get("pageInfo") or {}
        pages = 1
        while info.get("hasNextPage") and info.get("endCursor") and pages < MAX_PAGES:
            variables["after"] = info["endCursor"]
            page = self.graphql(CONVERSATION_QUERY, variables).get("conversation") or {}
            page_messages = page.get("messages") or {}
            edges.extend(page_messages.get("edges") or [])
            info = page_messages.get("pageInfo") or {}
            pages += 1
        conversation["messages"] = {"edges": edges, "pageInfo": {"hasNextPage": False}}
        return conversation

    # files ------------------------------------------------------------------------------
    def fetch_file(self, url, max_bytes):
        """``(bytes, content type)`` of a conversation's file at ``url`` (on the API's host),
        at most ``max_bytes``; raises :class:`IAdvizeError` (not retryable for a refused URL,
        a missing file or one too large)."""
        base, target = urlsplit(self.base_url), urlsplit(url or "")
        if (target.scheme, target.netloc) != (base.scheme, base.netloc):
            raise IAdvizeError("file URL outside the iAdvize API's host", retryable=False)
        for attempt in (1, 2):
            token = self.token()
            try:
                response = self.session.get(
                    url,
                    timeout=self.timeout,
                    headers={"Authorization": f"Bearer {token}"},
                    stream=True,
                    allow_redirects=False,
                )
            except requests.Timeout as exc:
                raise IAdvizeError(f"no answer within {self.timeout:g} s") from exc
            except requests.RequestException as exc:
                raise IAdvizeError(f"cannot fetch a file: {exc.__class__.__name__}") from exc
            if response.status_code == 401 and attempt == 1:
                response.close()
                self.cache.drop(self.cache_key)
                continue
            break
        with response:
            if response.status_code != 200:
                raise IAdvizeError(
                    f"file: HTTP {response.status_code}",
                    retryable=response.status_code == 429 or response.status_code >= 500,
                    status=response.status_code,
                )
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise IAdvizeError("file larger than allowed", retryable=False)
                chunks.append(chunk)
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return b"".join(chunks), content_type
