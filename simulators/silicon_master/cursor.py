"""Opaque paging cursors: URL-safe base64 (no padding) of compact JSON.

A change-feed cursor is ``{"u": updated_at, "i": id}``: the position of the last record of a
page; the next page starts strictly after it in ``(updated_at, id)`` order. An ``/ids``
cursor is ``{"i": id}``: the last id of the page. Neither needs the record to still exist.
"""

import base64
import binascii
import json

from .clock import parse_iso


class InvalidCursor(ValueError):
    """The cursor was not produced by this server (bad base64, JSON or shape)."""


def _encode(payload: dict) -> str:
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _decode(cursor: str) -> dict:
    if not isinstance(cursor, str) or not cursor or len(cursor) > 1000:
        raise InvalidCursor("empty or oversized cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError) as exc:
        raise InvalidCursor(f"cursor is not base64 JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise InvalidCursor("cursor is not a JSON object")
    return payload


def encode_cursor(updated_at: str, record_id: str) -> str:
    """Cursor pointing at the record ``(updated_at, record_id)``."""
    return _encode({"u": updated_at, "i": record_id})


def decode_cursor(cursor: str) -> tuple[str, str]:
    """``(updated_at, id)`` of a change-feed cursor; :class:`InvalidCursor` if malformed."""
    payload = _decode(cursor)
    updated_at, record_id = payload.get("u"), payload.get("i")
    if (
        not isinstance(updated_at, str)
        or not isinstance(record_id, str)
        or set(payload) != {"u", "i"}
    ):
        raise InvalidCursor("cursor lacks its position")
    try:
        parse_iso(updated_at)
    except ValueError as exc:
        raise InvalidCursor("cursor position is not a timestamp") from exc
    return updated_at, record_id


def encode_id_cursor(record_id: str) -> str:
    """Cursor of an ``/ids`` page ending with ``record_id``."""
    return _encode({"i": record_id})


def decode_id_cursor(cursor: str) -> str:
    """Last id of the previous ``/ids`` page; :class:`InvalidCursor` if malformed."""
    payload = _decode(cursor)
    record_id = payload.get("i")
    if not isinstance(record_id, str) or set(payload) != {"i"}:
        raise InvalidCursor("cursor lacks its position")
    return record_id
