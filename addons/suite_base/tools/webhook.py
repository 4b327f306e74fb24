# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Answers and body limits of the endpoints other systems call (3CX, iAdvize): JSON, never
cached, errors as ``{"error": code, "message": reason, ...}`` with a 4xx status."""

from odoo.http import request

MAX_BODY = 64 * 1024


def json_answer(payload, status=200, headers=None):
    """A JSON answer that no proxy keeps."""
    return request.make_json_response(
        payload, headers=[("Cache-Control", "no-store"), *(headers or [])], status=status
    )


def json_error(status, error, message, headers=None, **extra):
    """A JSON error: a stable ``error`` code for programs, a ``message`` for people."""
    return json_answer({"error": error, "message": message, **extra}, status, headers)


def read_body(max_body=MAX_BODY):
    """``(raw body, None)``, or ``(None, 413 answer)`` when it is larger than ``max_body``
    (announced or actual length: nothing larger is read)."""
    httprequest = request.httprequest
    raw = None
    if (httprequest.content_length or 0) <= max_body:
        raw = httprequest.get_data()
    if raw is None or len(raw) > max_body:
        message = f"The body must stay under {max_body} bytes."
        return None, json_error(413, "body_too_large", message)
    return raw, None
