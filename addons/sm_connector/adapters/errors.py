# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


class SmTransportError(Exception):
    """SM could not be read (unreachable, 5xx, timeout, truncated answer, bad key).

    The run stops cleanly: what was committed stays, the watermark stays at the last
    committed page, and the next run resumes from there. ``status`` is SM's HTTP status when
    SM answered with a refusal (4xx), else None.
    """

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status
