# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The token the iAdvize desk gives a custom app (the panel Odoo serves in the desk): a JWT
(RFC 7519) signed HS256 with the app's secret token, which the app's page obtains from the
desk (``client.getJWT()`` of iAdvize's conversation panel app library) and sends to Odoo.

Claims read: ``exp`` (required, seconds since the epoch), ``iat`` (optional, not in the
future), the project (``projectId``) and the conversation (``conversationId``); the operator
(``sub``/``operatorId``) is kept for the log. Anything else is ignored. Pure Python (``hmac``),
no JWT library: only HS256 is accepted, so ``alg: none`` or an RS/HS confusion cannot get in.
"""

import base64
import hashlib
import hmac
import json
import math

MAX_TOKEN = 4096
LEEWAY = 60  # seconds of clock skew tolerated on exp/iat


class DeskTokenError(ValueError):
    """The token cannot be trusted; ``reason`` is safe to answer (it reveals no secret)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _b64encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text):
    padded = text + "=" * (-len(text) % 4)
    try:
        return base64.b64decode(padded, altchars=b"-_", validate=True)
    except (ValueError, TypeError) as exc:
        raise DeskTokenError("the token is not base64url") from exc


def encode(claims, secret):
    """A HS256 JWT of ``claims`` (dict) with ``secret`` (str): what iAdvize signs (tests and
    the simulator use it)."""
    header = _b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode("ascii")
    signature = hmac.new(secret.encode("utf-8"), signing_input, hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64encode(signature)}"


def _json_part(text, what):
    try:
        value = json.loads(_b64decode(text))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise DeskTokenError(f"the token's {what} is not JSON") from exc
    if not isinstance(value, dict):
        raise DeskTokenError(f"the token's {what} is not a JSON object")
    return value


def _number(claims, name, required):
    value = claims.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DeskTokenError(f"the token's {name} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise DeskTokenError(f"the token's {name} is not a number")
    return value


def decode(token, secret, now):
    """The claims of ``token`` once its HS256 signature with ``secret`` and its dates (``now``:
    seconds since the epoch) are checked; :class:`DeskTokenError` otherwise. Never any other
    exception, whatever the input."""
    if not secret:
        raise DeskTokenError("no secret is configured")
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN or not token.isascii():
        raise DeskTokenError("the token is missing or malformed")
    parts = token.split(".")
    if len(parts) != 3:
        raise DeskTokenError("the token is not a JWT")
    header = _json_part(parts[0], "header")
    if header.get("alg") != "HS256":
        raise DeskTokenError("the token must be signed HS256")
    signing_input = f"{parts[0]}.{parts[1]}".encode("ascii")
    expected = hmac.new(secret.encode("utf-8"), signing_input, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, _b64decode(parts[2])):
        raise DeskTokenError("the token's signature is not valid")
    claims = _json_part(parts[1], "payload")
    if _number(claims, "exp", True) < now - LEEWAY:
        raise DeskTokenError("the token has expired")
    issued = _number(claims, "iat", False)
    if issued is not None and issued > now + LEEWAY:
        raise DeskTokenError("the token is issued in the future")
    return claims


def claim_text(claims, *names):
    """The first of ``names`` present in ``claims``, as text ("" if none; numbers allowed)."""
    for name in names:
        value = claims.get(name)
        if isinstance(value, bool):
            continue
        if isinstance(value, int | str) and str(value).strip():
            return str(value).strip()[:128]
    return ""
