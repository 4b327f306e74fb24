# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SM order numbers as customers type them, found in a subject, a mail body or a chat.

Pure Python. The pattern and the canonical format are configurable (system parameters
``omnichannel_inbox.order_number_pattern`` / ``omnichannel_inbox.order_number_format``).

The default pattern reads ``SO26-000123``, ``so26-000123``, ``SO 26-000123``, ``SO26 000123``,
``SO26/000123`` and ``SO26000123``; each is returned in SM's canonical form ``SO26-000123``.
The pattern's groups feed the format (``SO{0}-{1}``); a pattern without groups returns the
match upper-cased.
"""

import functools
import re

DEFAULT_PATTERN = r"(?<![A-Za-z0-9])SO\s?(\d{2})\s?[-/.]?\s?(\d{6})(?!\d)"
DEFAULT_FORMAT = "SO{0}-{1}"
MAX_TEXT = 200_000  # a pasted mail thread is long; a regex over megabytes is not useful
MAX_NUMBERS = 20


@functools.lru_cache(maxsize=32)
def compile_pattern(pattern):
    """The compiled, case-insensitive pattern; ValueError with a reason when invalid."""
    if not pattern or not isinstance(pattern, str):
        raise ValueError("the order number pattern is empty")
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"invalid order number pattern: {exc}") from exc


def canonical(match, fmt=DEFAULT_FORMAT):
    """The canonical order number of one regex match."""
    plain = re.sub(r"\s+", "", match.group(0)).upper()
    groups = match.groups()
    if not groups or not fmt:
        return plain
    try:
        return fmt.format(*(group or "" for group in groups)).upper()
    except (IndexError, KeyError, ValueError):
        return plain  # a format that does not fit the pattern's groups


def extract_order_numbers(text, pattern=DEFAULT_PATTERN, fmt=DEFAULT_FORMAT, limit=MAX_NUMBERS):
    """Canonical order numbers found in ``text``, unique, in order of appearance."""
    if not text or not isinstance(text, str):
        return []
    regex = compile_pattern(pattern or DEFAULT_PATTERN)
    found = []
    for match in regex.finditer(text[:MAX_TEXT]):
        number = canonical(match, fmt or DEFAULT_FORMAT)
        if number and number not in found:
            found.append(number)
            if len(found) >= limit:
                break
    return found
