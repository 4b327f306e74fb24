# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass, field


@dataclass
class SmPage:
    """One page of raw records as SM sent them, plus where to resume after it.

    `errors` holds (reference, raw payload, reason) for rows a file export could not turn
    into records; REST pages never have any (their records are validated by the importer).
    """

    records: list
    next_cursor: str | None = None
    remaining: int | None = None
    errors: list = field(default_factory=list)
    source: str | None = None  # file name for exports
