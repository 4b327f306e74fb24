"""Compact JSON helpers shared by the simulators."""

import json

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(obj) -> bytes:
    """Serialize ``obj`` to compact UTF-8 JSON bytes (no spaces, non-ASCII kept as is)."""
    return _ENCODER.encode(obj).encode("utf-8")


def loads(raw: bytes | str):
    """Parse JSON bytes/text; an empty body gives ``{}``."""
    if not raw:
        return {}
    return json.loads(raw)


def error_body(error: str, message: str = "", **extra) -> dict:
    """The error document every simulator answers with: ``{"error": ..., "message": ...}``."""
    body = {"error": error, "message": message}
    body.update(extra)
    return body
