# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Payload hash: the fingerprint that lets an unchanged record cost no write."""

import hashlib
import json

# updated_at changes when SM merely touches a record; it says nothing about the content.
_NOT_CONTENT = ("updated_at",)


def payload_hash(record):
    """Stable SHA-1 of a canonical record's content (key order and updated_at ignored)."""
    content = {key: value for key, value in record.items() if key not in _NOT_CONTENT}
    blob = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()
