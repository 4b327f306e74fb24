# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""OAuth access tokens cached per process, shared by the API adapters (3CX, iAdvize)."""

import hashlib
import threading
import time

import requests


def cache_key(*parts, secret=""):
    """A cache key for one account: its public ``parts`` and a hash of its ``secret`` (the
    secret itself is never kept; a changed secret is a new key)."""
    return (*parts, hashlib.sha256((secret or "").encode()).hexdigest())


class TokenCache:
    """Thread-safe ``key -> (token, expires_at)``; ``expires_at`` on the caller's clock."""

    def __init__(self):
        self._lock = threading.Lock()
        self._tokens = {}

    def get(self, key, now):
        """The token of ``key`` if it is still valid at ``now``, else None."""
        with self._lock:
            token, expires_at = self._tokens.get(key, (None, 0.0))
        return token if token and now < expires_at else None

    def put(self, key, token, expires_at):
        """Keep ``token`` for ``key`` until ``expires_at``."""
        with self._lock:
            self._tokens[key] = (token, expires_at)

    def drop(self, key, token=None):
        """Forget ``key``'s token (only if it is still ``token``, when given: another thread
        may already have renewed it)."""
        with self._lock:
            if token is None or self._tokens.get(key, (None,))[0] == token:
                self._tokens.pop(key, None)

    def clear(self):
        """Forget every token (tests, credentials changed)."""
        with self._lock:
            self._tokens.clear()


class TokenClient:
    """Base of an API adapter authenticated by a cached OAuth token: where it talks, how long
    it waits, the cache and the clock (injectable for tests). Subclasses set ``cache_key``
    and say how to fetch a token; :meth:`cached_token` does the caching."""

    def __init__(self, base_url, timeout, session, cache, clock):
        self.base_url = (base_url or "").rstrip("/")
        self.timeout = float(timeout or 10.0)
        self.session = session or requests.Session()
        self.cache = cache
        self.clock = clock or time.monotonic
        self.cache_key = None

    def cached_token(self, fetch, force=False):
        """The valid cached token, else ``fetch()`` → ``(token, seconds it may be kept)``,
        kept that long (``force`` skips the cache: a token the API just refused)."""
        now = self.clock()
        if not force:
            cached = self.cache.get(self.cache_key, now)
            if cached:
                return cached
        token, keep_seconds = fetch()
        self.cache.put(self.cache_key, token, now + keep_seconds)
        return token
