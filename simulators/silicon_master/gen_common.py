"""Small helpers shared by the record generators."""

import random
import unicodedata
from bisect import bisect
from datetime import datetime, timedelta
from itertools import accumulate

from .clock import iso

DAY = 86_400


def rand_int(rng: random.Random, low: int, high: int) -> int:
    """Like ``rng.randint`` (bounds included) but several times cheaper (hot paths)."""
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, seq):
    """Like ``rng.choice``, cheaper."""
    return seq[int(rng.random() * len(seq))]


def pick_distinct(rng: random.Random, seq, count: int) -> list:
    """``count`` distinct items of ``seq`` (``count`` small compared with ``len(seq)``)."""
    if count >= len(seq):
        return list(seq)
    chosen: dict[int, None] = {}
    while len(chosen) < count:
        chosen[int(rng.random() * len(seq))] = None
    return [seq[index] for index in chosen]


class Weighted:
    """A weighted choice over ``(item, weight)`` pairs, precomputed once (hot path)."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random):
        """Draw one item."""
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


_TABLES: dict[int, tuple] = {}


def weighted(rng: random.Random, pairs):
    """Pick the first item of one of ``(item, weight)`` pairs, proportionally to weight.

    ``pairs`` must be a long-lived tuple (module constant): its table is cached by identity.
    """
    entry = _TABLES.get(id(pairs))
    if entry is None or entry[0] is not pairs:
        entry = _TABLES[id(pairs)] = (pairs, Weighted(pairs))
    return entry[1](rng)


def ascii_slug(text: str, sep: str = "") -> str:
    """Lower-case ASCII without accents, spaces or apostrophes (for emails, SKUs)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return sep.join(part for part in plain.lower().replace("'", " ").replace("&", " ").split())


def batch_stamps(rng: random.Random, start: datetime, count: int = 6) -> list[str]:
    """A few nightly-batch timestamps (02:00:00) shared by many records, so ties on
    ``updated_at`` are common and the ``id`` tie-break really gets exercised."""
    night = start.replace(hour=2, minute=0, second=0)
    return [iso(night - timedelta(days=rng.randrange(1, 400))) for _ in range(count)]


def past_stamp(
    rng: random.Random,
    start: datetime,
    max_days: int,
    batches: list[str],
    batch_share: float = 0.08,
) -> str:
    """A timestamp before ``start``: a shared batch stamp, or any second up to ``max_days``."""
    if batches and rng.random() < batch_share:
        return rng.choice(batches)
    return iso(start - timedelta(seconds=rng.randrange(1, max_days * DAY)))


def dirty_count(population: int, share: float) -> int:
    """How many records to spoil: ``share`` of them, at least one when there are some."""
    if population <= 0:
        return 0
    return max(1, round(population * share))
