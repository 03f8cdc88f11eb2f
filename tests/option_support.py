"""A catalog with options for flow tests: the corpus shop's catalog (tests/corpus/catalog.csv),
where rows with the same name and different `option` are one product's options."""

from __future__ import annotations

import csv
from pathlib import Path

from catalog.products import MemoryCatalog, ProductInfo
from language.options import kind_of

CATALOG = Path(__file__).resolve().parent / "corpus" / "catalog.csv"


def option_products(**stock: int) -> list[ProductInfo]:
    """The corpus catalog as rows; keyword arguments override a sku's stock (dashes as underscores)."""
    rows = list(csv.DictReader(CATALOG.open(encoding="utf-8")))
    cats = {name: i for i, name in enumerate(dict.fromkeys(r["category"] for r in rows), start=1)}
    families: dict[str, int] = {}
    out = []
    for i, r in enumerate(rows, start=1):
        option = r["option"] or None
        family = families.setdefault(r["name"], i) if option else None
        out.append(ProductInfo(id=i, sku=r["sku"], name=r["name"], category_id=cats[r["category"]],
                               category=r["category"], price=int(r["price"]),
                               stock=stock.get(r["sku"].replace("-", "_"), int(r["stock"])),
                               description=r["description"], image_url=r["image_url"] or None,
                               family_id=family, option=option, option_kind=kind_of(option) if option else None))
    return out


def option_catalog(**stock: int) -> MemoryCatalog:
    return MemoryCatalog(option_products(**stock))
