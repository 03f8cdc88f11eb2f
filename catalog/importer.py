"""Catalog CSV in and out (docs/INTERFACES.md): all-or-nothing, errors named by line number.

An optional eighth column `option`: rows with the same `name` and different options are the
options of one product (catalog.families), each with its own sku, price and stock."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy.orm import Session

from language.options import kind_of
from storage import categories as categories_db
from storage import products as products_db
from storage import shops as shops_db

COLUMNS = ["sku", "name", "category", "price", "stock", "description", "image_url"]
OPTION = "option"  # the optional eighth column


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
    option: str | None = None


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
    columns = [h.strip().lower() for h in header] if header is not None else []
    if columns not in (COLUMNS, COLUMNS + [OPTION]):
        raise ImportError_([f"line 1: header must be {','.join(COLUMNS)} (and optionally ,{OPTION})"])
    rows: list[Row] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            errors.append(f"line {line}: expected {len(columns)} columns, got {len(cells)}")
            continue
        sku, name, category, price, stock, description, image = (c.strip() for c in cells[:len(COLUMNS)])
        option = cells[len(COLUMNS)].strip() if len(cells) > len(COLUMNS) else ""
        try:
            if not sku or len(sku) > 40:
                raise ValueError("sku must be 1-40 characters")
            if not name:
                raise ValueError("name is empty")
            if sku in seen:
                raise ValueError(f"sku {sku} already on line {seen[sku]}")
            if len(option) > 60:
                raise ValueError("option must be at most 60 characters")
            row = Row(line, sku, name, category or "Lainnya", _whole(price, "price"), _whole(stock, "stock"),
                      description, image or None, option or None)
        except ValueError as exc:
            errors.append(f"line {line}: {exc}")
            continue
        seen[sku] = line
        rows.append(row)
    errors += _family_errors(rows)
    if errors:
        raise ImportError_(sorted(errors, key=lambda e: int(e.split(":")[0].split()[1])))
    return rows


def _family_errors(rows: list[Row]) -> list[str]:
    """Rows of one name are one product: with options on every row, each different, one category."""
    errors = []
    by_name: dict[str, list[Row]] = {}
    for r in rows:
        by_name.setdefault(r.name, []).append(r)
    for name, group in by_name.items():
        if all(r.option is None for r in group):  # no options: separate products (names may repeat)
            continue
        first, labels = group[0], {}
        for r in group:
            if r.option is None:
                errors.append(f"line {r.line}: {name} has options on line {next(g.line for g in group if g.option)}; "
                              "give this row an option too")
            elif r.option.lower() in labels:
                errors.append(f"line {r.line}: option {r.option} of {name} already on line {labels[r.option.lower()]}")
            else:
                labels[r.option.lower()] = r.line
            if r.category != first.category:
                errors.append(f"line {r.line}: options of {name} must share one category ({first.category})")
    return errors


def import_rows(session: Session, shop_id: int, rows: list[Row]) -> tuple[int, int]:
    """Upserts by sku; returns (created, updated). The caller commits. Options join their
    product: the one of that name already in the shop, else the first of their rows."""
    created = updated = 0
    categories = categories_db.ensure_categories(session, shop_id, [r.category for r in rows])
    for r in rows:
        fields = dict(name=r.name, category_id=categories[r.category], price=r.price, stock=r.stock,
                      description=r.description, image_url=r.image_url)
        if products_db.upsert_product(session, shop_id, r.sku, fields):
            created += 1
        else:
            updated += 1
    session.flush()
    _place_options(session, shop_id, rows)
    shops_db.bump_catalog_version(session, shop_id)
    return created, updated


def _place_options(session: Session, shop_id: int, rows: list[Row]) -> None:
    stored = {}
    for start in range(0, len(rows), 500):  # bound the IN list: a catalog may have thousands of rows
        chunk = [r.sku for r in rows[start:start + 500]]
        stored.update({p.sku: p for p in products_db.fetch_products_by_sku(session, shop_id, chunk)})
    with_options = [r for r in rows if r.option]
    existing = products_db.fetch_families_by_name(session, shop_id, sorted({r.name for r in with_options}))
    family: dict[str, int] = {}
    for r in rows:
        now = stored[r.sku]
        key = family.setdefault(r.name, existing.get(r.name, now.id)) if r.option else None
        wanted = (key, r.option, kind_of(r.option) if r.option else None)
        if wanted != (now.family_id, now.option_label, now.option_kind):
            products_db.set_family(session, shop_id, now.id, *wanted)


def export_csv(session: Session, shop_id: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS + [OPTION])
    for p in products_db.fetch_products(session, shop_id, visible_only=False):
        writer.writerow([p.sku, p.name, p.category or "", p.price, p.stock, p.description or "", p.image_url or "",
                         p.option_label or ""])
    return out.getvalue()
