# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Typed failures of the 3CX Call Control API; the models turn them into translated messages."""


class TcxError(Exception):
    """Base class: ``detail`` is a short technical reason (shown after the user message)."""

    def __init__(self, detail=""):
        super().__init__(detail)
        self.detail = detail


class TcxUnreachableError(TcxError):
    """No usable answer: connection refused, DNS, timeout, 5xx."""


class TcxAuthError(TcxError):
    """3CX refused the client id/secret, or refused a fresh token."""


class TcxRefusedError(TcxError):
    """3CX understood the request and refused it (unknown extension, bad destination...)."""


class TcxProtocolError(TcxError):
    """3CX answered something that is not what its API documents (truncated JSON...)."""
