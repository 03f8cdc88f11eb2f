"""Catalog CSV in and out (docs/INTERFACES.md): all-or-nothing, errors named by line number."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy.orm import Session

from storage import categories as categories_db
from storage import products as products_db
from storage import shops as shops_db

COLUMNS = ["sku", "name", "category", "price", "stock", "description", "image_url"]


@dataclass(frozen=True)
class Row:
    line: int
    sku: str
    name: str
    category: str
    price: int
    stock: int
    description: str
    image_url: str | None


class ImportError_(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _whole(value: str, what: str) -> int:
    cleaned = value.strip()
    if not cleaned.lstrip("-").isdigit():
        raise ValueError(f"{what} must be a whole number, got {value!r}")
    number = int(cleaned)
    if number < 0:
        raise ValueError(f"{what} must not be negative, got {number}")
    return number


def parse_csv(text: str) -> list[Row]:
    """Every row or an error listing every bad line; nothing partial."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header] != COLUMNS:
        raise ImportError_([f"line 1: header must be {','.join(COLUMNS)}"])
    rows: list[Row] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(COLUMNS):
            errors.append(f"line {line}: expected {len(COLUMNS)} columns, got {len(cells)}")
            continue
        sku, name, category, price, stock, description, image = (c.strip() for c in cells)
        try:
            if not sku or len(sku) > 40:
                raise ValueError("sku must be 1-40 characters")
            if not name:
                raise ValueError("name is empty")
            if sku in seen:
                raise ValueError(f"sku {sku} already on line {seen[sku]}")
            row = Row(line, sku, name, category or "Lainnya", _whole(price, "price"), _whole(stock, "stock"),
                      description, image or None)
        except ValueError as exc:
            errors.append(f"line {line}: {exc}")
            continue
        seen[sku] = line
        rows.append(row)
    if errors:
        raise ImportError_(errors)
    return rows


def import_rows(session: Session, shop_id: int, rows: list[Row]) -> tuple[int, int]:
    """Upserts by sku; returns (created, updated). The caller commits."""
    created = updated = 0
    categories = categories_db.ensure_categories(session, shop_id, [r.category for r in rows])
    for r in rows:
        fields = dict(name=r.name, category_id=categories[r.category], price=r.price, stock=r.stock,
                      description=r.description, image_url=r.image_url)
        if products_db.upsert_product(session, shop_id, r.sku, fields):
            created += 1
        else:
            updated += 1
    shops_db.bump_catalog_version(session, shop_id)
    return created, updated


def export_csv(session: Session, shop_id: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in products_db.fetch_products(session, shop_id, visible_only=False):
        writer.writerow([p.sku, p.name, p.category or "", p.price, p.stock, p.description or "", p.image_url or ""])
    return out.getvalue()
