"""Articles: furniture and decoration with SKUs, EAN-13, names in fr/nl/en, stock per location.

~3 % are kits (``ENS-...``) whose ``components`` reference existing active non-kit articles;
kits carry no stock of their own (``stock`` empty: it is the components' stock).
~2 % are inactive (discontinued: no stock, nothing incoming, never ordered, never a component).
Dirty on purpose: ``invalid_ean`` 1 % of the articles having an EAN get a wrong check digit.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from . import identifiers as ids
from . import refdata_catalog as cat
from .gen_common import ascii_slug, batch_stamps, dirty_count, past_stamp

SHOWROOMS = ("LIE", "BRU", "NAM", "GAN", "PAR")
WAREHOUSES = ("WH-ANS", "WH-PAR")
STOCK_LOCATIONS = SHOWROOMS + WAREHOUSES
_BRAND_PREFIX = dict(cat.BRANDS)
_VAT_FACTOR = Decimal("1.21")


def shelf_price(rng: random.Random, low: int, high: int) -> Decimal:
    """A price between ``low`` and ``high`` euros as shops write them (see :func:`charm_price`)."""
    return charm_price(rng, rng.randint(low, high))


def charm_price(rng: random.Random, euros: int) -> Decimal:
    """``euros`` made a shop price: 1049.00, 849.00, 49.95, 19.99."""
    if euros >= 1000:
        return Decimal(f"{euros // 50 * 50 + 49}.00")
    if euros >= 100:
        return Decimal(f"{euros // 10 * 10 + 9}.00")
    return Decimal(f"{euros}.{rng.choice(('95', '99', '50', '00'))}")


def stock_levels(rng: random.Random, bulky: bool, empty: bool) -> list[dict]:
    """Quantity per showroom and warehouse (showrooms hold display pieces of bulky items)."""
    if empty:
        return [{"location": loc, "qty": "0"} for loc in STOCK_LOCATIONS]
    show_max, wh_max = (2, 25) if bulky else (12, 80)
    levels = []
    for loc in STOCK_LOCATIONS:
        high = wh_max if loc.startswith("WH-") else show_max
        qty = 0 if rng.random() < 0.35 else rng.randint(0, high)
        levels.append({"location": loc, "qty": str(qty)})
    return levels


class ArticleFactory:
    """Builds article records; keeps codes and per-brand EAN counters unique."""

    def __init__(self, rng: random.Random, start: datetime):
        self.rng = rng
        self.start = start
        self.batches = batch_stamps(rng, start)
        self.codes: set[str] = set()
        self.ean_serial = dict.fromkeys(_BRAND_PREFIX, 0)

    def unique_code(self, make) -> str:
        """A new SKU from ``make()``; redraws a few times, then numbers the last draw."""
        code = make()
        for _ in range(3):
            if code not in self.codes:
                break
            code = make()
        base, serial = code, 1
        while code in self.codes:
            serial += 1
            code = f"{base}-{serial:02d}"
        self.codes.add(code)
        return code

    def ean(self, brand: str) -> str | None:
        """The brand's next EAN-13 (1.5 % of articles have none)."""
        if self.rng.random() < 0.015:
            return None
        self.ean_serial[brand] += 1
        return ids.ean13(_BRAND_PREFIX[brand], self.ean_serial[brand])

    def restock(self, empty: bool) -> tuple[str, str | None]:
        """(incoming_qty, next_restock_date): out-of-stock items are usually on order."""
        rng = self.rng
        if rng.random() < (0.8 if empty else 0.3):
            when = self.start.date() + timedelta(days=rng.randint(3, 75))
            return str(rng.randint(2, 40)), when.isoformat()
        return "0", None

    def texts(self, names, collection: str, brand: str, finish, dims) -> tuple[dict, dict]:
        """(name, description) per language."""
        fr, nl, en = names
        _, fin_fr, fin_nl, fin_en = finish
        size = " x ".join(dim.removesuffix(".0") for dim in dims) if dims else ""
        name = {
            "fr": f"{fr} {collection}, {fin_fr}",
            "nl": f"{nl} {collection}, {fin_nl}",
            "en": f"{en} {collection}, {fin_en}",
        }
        description = {
            "fr": f"{fr} de la collection {collection} par {brand}, finition {fin_fr}."
            + (f" Dimensions : {size} cm." if size else ""),
            "nl": f"{nl} uit de collectie {collection} van {brand}, afwerking {fin_nl}."
            + (f" Afmetingen: {size} cm." if size else ""),
            "en": f"{en} from the {collection} collection by {brand}, {fin_en} finish."
            + (f" Dimensions: {size} cm." if size else ""),
        }
        return name, description

    def article(self, leaf: cat.Leaf, active: bool) -> dict:
        """One non-kit article of category ``leaf``."""
        rng = self.rng
        collection = rng.choice(cat.COLLECTIONS)
        finish = rng.choice(cat.FINISHES)

        def make_code():
            return f"{leaf.type_code}-{ascii_slug(collection).upper()}-{leaf.variant}-{finish[0]}"

        code = self.unique_code(make_code)
        brand = rng.choice(cat.BRAND_BY_ROOT[leaf.path[0]])
        price = shelf_price(rng, *leaf.price)
        cost = (price / _VAT_FACTOR * Decimal(rng.randint(38, 60)) / 100).quantize(Decimal("0.01"))
        dims = [f"{rng.randint(low, high)}.0" for low, high in leaf.dims]
        weight = Decimal(rng.randint(max(leaf.weight[0] * 1000, 300), leaf.weight[1] * 1000 + 500))
        empty = not active or rng.random() < 0.15
        incoming, restock = self.restock(empty) if active else ("0", None)
        name, description = self.texts(leaf.names, collection, brand, finish, dims)
        return {
            "id": code,
            "code": code,
            "ean13": self.ean(brand),
            "name": name,
            "description": description,
            "category": list(leaf.path),
            "collection": collection,
            "brand": brand,
            "price_incl_vat": str(price),
            "vat_rate": "21.00",
            "cost": str(cost),
            "weight_kg": f"{weight / 1000:.3f}",
            "width_cm": dims[0],
            "depth_cm": dims[1],
            "height_cm": dims[2],
            "stock": stock_levels(rng, leaf.bulky, empty),
            "incoming_qty": incoming,
            "next_restock_date": restock,
            "components": [],
            "active": active,
            "updated_at": past_stamp(rng, self.start, 900, self.batches),
            "deleted": False,
        }

    def kit(self, kit_leaf: cat.KitLeaf, by_type: dict, by_code: dict) -> dict | None:
        """A kit made of active non-kit articles of the leaf's part types, same collection
        when possible; ``None`` when the catalogue lacks a part type."""
        rng = self.rng
        if any(not by_type.get(part) for part, _ in kit_leaf.parts):
            return None
        first = rng.choice(by_type[kit_leaf.parts[0][0]])
        collection, finish_code = first["collection"], first["code"].split("-")[-1]
        components = []
        for part, (low, high) in kit_leaf.parts:
            same = [art for art in by_type[part] if art["collection"] == collection]
            chosen = first if part == kit_leaf.parts[0][0] else rng.choice(same or by_type[part])
            components.append({"code": chosen["code"], "qty": str(rng.randint(low, high))})
        finish = next((fin for fin in cat.FINISHES if fin[0] == finish_code), cat.FINISHES[0])

        def make_code():
            return f"ENS-{ascii_slug(collection).upper()}-{kit_leaf.variant}-{finish[0]}"

        code = self.unique_code(make_code)
        total = weight = Decimal(0)
        for comp in components:
            part = by_code[comp["code"]]
            total += Decimal(part["price_incl_vat"]) * int(comp["qty"])
            weight += Decimal(part["weight_kg"]) * int(comp["qty"])
        # a kit costs ~10 % less than its parts bought one by one
        price = Decimal(int(total * Decimal("0.9")) // 10 * 10 + 9).quantize(Decimal("0.01"))
        name, description = self.texts(kit_leaf.names, collection, "Silicon Home", finish, None)
        return {
            "id": code,
            "code": code,
            "ean13": self.ean("Silicon Home"),
            "name": name,
            "description": description,
            "category": list(kit_leaf.path),
            "collection": collection,
            "brand": "Silicon Home",
            "price_incl_vat": str(price),
            "vat_rate": "21.00",
            "cost": None,
            "weight_kg": f"{weight:.3f}",
            "width_cm": None,
            "depth_cm": None,
            "height_cm": None,
            "stock": [],
            "incoming_qty": "0",
            "next_restock_date": None,
            "components": components,
            "active": True,
            "updated_at": past_stamp(rng, self.start, 400, self.batches),
            "deleted": False,
        }


def generate_articles(count: int, rng: random.Random, start: datetime) -> tuple[list, dict]:
    """``count`` article records (contract shape) and the dirty-data manifest."""
    factory = ArticleFactory(rng, start)
    kit_count = round(count * 0.03) if count >= 20 else 0
    plain_count = count - kit_count
    inactive = set(rng.sample(range(plain_count), round(plain_count * 0.02)))
    articles = [
        factory.article(rng.choice(cat.LEAVES), index not in inactive)
        for index in range(plain_count)
    ]
    by_type: dict[str, list[dict]] = {}
    for art in articles:
        if art["active"]:
            by_type.setdefault(art["code"].split("-", 1)[0], []).append(art)
    by_code = {art["code"]: art for art in articles}
    made = 0
    while made < kit_count:
        kit = factory.kit(rng.choice(cat.KIT_LEAVES), by_type, by_code)
        if kit is None:
            break
        articles.append(kit)
        made += 1
    with_ean = [art for art in articles if art["ean13"]]
    spoiled = rng.sample(with_ean, dirty_count(len(with_ean), 0.01)) if count >= 20 else []
    for art in spoiled:
        art["ean13"] = ids.corrupt_ean13(art["ean13"])
    return articles, {"invalid_ean": sorted(art["id"] for art in spoiled)}
