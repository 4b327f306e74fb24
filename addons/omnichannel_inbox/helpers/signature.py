# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""iAdvize webhook signatures: ``x-iadvize-signature: sha256=<hex HMAC-SHA256 of the raw
body, keyed with the webhook's secret token>``. Pure Python."""

import hashlib
import hmac

HEADER = "x-iadvize-signature"
ALGORITHM = "sha256"


def sign(body, secret):
    """The header value for ``body`` (bytes) and ``secret`` (str)."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"{ALGORITHM}={digest}"


def verify(body, secret, header_value):
    """True when ``header_value`` is the signature of ``body`` with ``secret``.

    Constant-time comparison; an unknown algorithm, a missing or empty secret, or a
    malformed header never verifies.
    """
    if not secret or not header_value or not isinstance(header_value, str):
        return False
    if not header_value.isascii() or "\x00" in header_value:
        return False  # hmac.compare_digest refuses non-ASCII text: never a valid signature
    algorithm, sep, received = header_value.strip().partition("=")
    if not sep or algorithm.lower() != ALGORITHM or not received:
        return False
    expected = sign(body, secret).partition("=")[2]
    return hmac.compare_digest(expected, received.strip().lower())
