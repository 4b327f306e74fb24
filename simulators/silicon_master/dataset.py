"""Deterministic Silicon Master dataset: contacts, articles and orders in the contract shape.

Same ``seed`` and sizes give the same records, byte for byte: every random draw comes from
``random.Random`` instances seeded with ``"sm:<seed>:<entity>"`` (one stream per entity, so
changing the number of orders leaves contacts and articles untouched), and time comes from
the simulated clock (:data:`CLOCK_START`), never from the wall clock.

Dirty records (documented in ``simulators/README.md``) are listed in :attr:`Dataset.dirty`.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

from .clock import CLOCK_START
from .gen_articles import generate_articles
from .gen_contacts import generate_contacts
from .gen_orders import generate_orders

ENTITIES = ("contacts", "articles", "orders")


@dataclass
class Dataset:
    """The generated records per entity and the ids of the deliberately dirty ones."""

    seed: int
    start: datetime
    contacts: list[dict]
    articles: list[dict]
    orders: list[dict]
    dirty: dict[str, dict[str, list]] = field(default_factory=dict)

    def records(self, entity: str) -> list[dict]:
        """The records of ``entity`` (``contacts``, ``articles`` or ``orders``)."""
        return getattr(self, entity)


def entity_rng(seed: int, entity: str) -> random.Random:
    """The random stream of one entity for ``seed``."""
    return random.Random(f"sm:{seed}:{entity}")


def generate(
    contacts: int = 500,
    articles: int = 300,
    orders: int = 800,
    seed: int = 42,
    start: datetime = CLOCK_START,
) -> Dataset:
    """Generate a dataset; 20,000 contacts + 15,000 articles + 50,000 orders take a few seconds."""
    contact_records, contact_dirty = generate_contacts(
        contacts, entity_rng(seed, "contacts"), start
    )
    article_records, article_dirty = generate_articles(
        articles, entity_rng(seed, "articles"), start
    )
    order_records = generate_orders(
        orders, entity_rng(seed, "orders"), start, contact_records, article_records
    )
    return Dataset(
        seed=seed,
        start=start,
        contacts=contact_records,
        articles=article_records,
        orders=order_records,
        dirty={"contacts": contact_dirty, "articles": article_dirty},
    )
