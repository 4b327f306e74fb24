# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A flag only Python code raises, around a block: what an RPC client chooses (its context)
never reaches it. The suite's "this write is the sync's own" permissions are such flags."""

import contextvars
from contextlib import contextmanager


class TrustedFlag:
    """``FLAG = TrustedFlag("name")``; ``with FLAG.raised(): ...``; ``FLAG.is_raised()``.

    A context variable: per thread and per asyncio task, restored when the block exits
    (exception included), nestable."""

    def __init__(self, name):
        self._var = contextvars.ContextVar(name, default=False)

    @contextmanager
    def raised(self):
        """Raise the flag for the code inside the block."""
        token = self._var.set(True)
        try:
            yield
        finally:
            self._var.reset(token)

    def is_raised(self):
        """Whether the current code runs inside a ``raised()`` block."""
        return self._var.get()
