# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Signed push pings from SM (pure: no Odoo environment).

SM signs ``<X-SM-Timestamp>.<raw body>`` with HMAC-SHA256 and the backend's push secret and
sends ``X-SM-Signature: sha256=<hex>`` (contract: static/description/sm_api_v1.yaml,
``x-push``). The timestamp (Unix seconds) must lie within the window around now; each
signature is accepted once (the caller stores it: replay refused).
"""

import hashlib
import hmac

PREFIX = "sha256="


def sign(secret, timestamp, body):
    """``sha256=<hex>`` for `body` (bytes) sent at `timestamp` (text, Unix seconds)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return PREFIX + digest.hexdigest()


def check(secret, timestamp, signature, body, now, window):
    """None when the ping is authentic and fresh, else the reason (a short English text).

    now: Unix seconds (float); window: seconds either side of now a timestamp may be.
    """
    if not secret:
        return "pushing is not set up for this backend (no push secret)"
    if not timestamp or not signature:
        return "X-SM-Timestamp and X-SM-Signature are required"
    try:
        sent = int(timestamp)
    except ValueError:
        return "X-SM-Timestamp must be Unix seconds"
    if abs(now - sent) > window:
        return "the timestamp is outside the accepted window (clock skew or replay)"
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.strip()):
        return "the signature does not match the body"
    return None
