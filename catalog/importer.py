"""Catalog CSV in and out (docs/INTERFACES.md): all-or-nothing, every bad row named by its line
with what to write instead.

What a seller's spreadsheet gives is taken as it comes: commas or semicolons (Excel in an
Indonesian locale writes `;`), columns in any order and named in English or Indonesian, prices
as `85000`, `85.000`, `Rp85.000`, `85rb` or `1,5jt` (language.numbers.parse_rupiah, the chat's
own reader). The columns are one table, COLUMNS: a new column is one more entry there and one
more field on Row. The file's bytes become text in catalog.csv_file.

The column `option`: rows with the same `name` and different options are the options of one
product (catalog.families), each with its own sku, price and stock.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from catalog import csv_file
from language.names import tidy_name
from language.numbers import parse_rupiah
from language.options import kind_of
from storage import categories as categories_db
from storage import products as products_db
from storage import shops as shops_db

MAX_ROWS = 20_000
MAX_PRICE = 1_000_000_000
MAX_STOCK = 1_000_000
PRICE_FORMS = "85000, 85.000, Rp85.000, 85rb or 1,5jt"
_PRICE = re.compile(r"^(?:rp\.?|idr)?\s*(?:\d+|\d{1,3}(?:[.,]\d{3})+)(?:,00|\.0{1,2})?$"
                    r"|^(?:rp\.?|idr)?\s*\d+(?:[.,]\d+)?\s*(?:rb|ribu|k|jt|juta)$")
_STOCK = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+)$")
YES_WORDS = {"yes", "ya", "y", "true", "1", "tampil", "visible", "aktif"}
NO_WORDS = {"no", "tidak", "n", "false", "0", "sembunyi", "disembunyikan", "hidden", "nonaktif"}


class CellError(ValueError):
    """A cell that cannot be read; the message says what to write instead."""


def _sku(value: str) -> str:
    if not value:
        raise CellError("sku is empty: write a code of your own for the product, e.g. BTK-001")
    if len(value) > 40:
        raise CellError(f"sku {value[:20]!r}… is longer than 40 characters: write a shorter code")
    return value


def _name(value: str) -> str:
    if not value:
        raise CellError("name is empty: write the product's name")
    if len(value) > 200:
        raise CellError("name is longer than 200 characters: write a shorter name")
    return tidy_name(value)


def _price(value: str) -> int:
    cleaned = " ".join(value.lower().split())
    if not cleaned:
        raise CellError(f"price is empty: write it as {PRICE_FORMS}")
    if cleaned.startswith("-"):
        raise CellError(f"price {value!r} is negative: write it as {PRICE_FORMS}")
    amount = parse_rupiah(cleaned) if _PRICE.match(cleaned) else None
    if amount is None:
        raise CellError(f"price {value!r} is not a whole Rupiah amount: write it as {PRICE_FORMS}")
    if amount <= 0:
        raise CellError(f"price {value!r} must be more than Rp0: write it as {PRICE_FORMS}")
    if amount > MAX_PRICE:
        raise CellError(f"price {value!r} is more than Rp1.000.000.000: check the number")
    return amount


def _stock(value: str) -> int:
    cleaned = value.strip()
    if not cleaned:
        raise CellError("stock is empty: write how many are in stock, 0 when none")
    if cleaned.startswith("-"):
        raise CellError(f"stock {value!r} is negative: write 0 when none are left")
    if not _STOCK.match(cleaned) or int(cleaned.replace(".", "")) > MAX_STOCK:
        raise CellError(f"stock {value!r} is not a whole number: write e.g. 10 (at most 1.000.000)")
    return int(cleaned.replace(".", ""))


def _visible(value: str) -> bool | None:
    cleaned = value.strip().lower()
    if not cleaned:
        return None
    if cleaned in YES_WORDS | NO_WORDS:
        return cleaned in YES_WORDS
    raise CellError(f"visible {value!r}: write yes or no (ya / tidak)")


def _option(value: str) -> str | None:
    if len(value) > 60:
        raise CellError("option is longer than 60 characters: write a short label, e.g. XL or 500g")
    return value or None


@dataclass(frozen=True)
class Column:
    name: str  # the Row field, and the name `kedai catalog export` writes
    aliases: frozenset[str]  # header names accepted for it (lowercase)
    required: bool
    read: Callable[[str], Any]


COLUMNS_SPEC: tuple[Column, ...] = (
    Column("sku", frozenset({"sku", "kode", "kode produk", "kode barang"}), True, _sku),
    Column("name", frozenset({"name", "nama", "nama produk", "nama barang", "produk"}), True, _name),
    Column("category", frozenset({"category", "kategori"}), False, lambda v: tidy_name(v) if v else "Lainnya"),
    Column("price", frozenset({"price", "harga", "harga jual"}), True, _price),
    Column("stock", frozenset({"stock", "stok", "jumlah", "qty"}), True, _stock),
    Column("description", frozenset({"description", "deskripsi", "keterangan"}), False, lambda v: v),
    Column("image_url", frozenset({"image url", "image", "gambar", "foto", "url gambar"}), False, lambda v: v or None),
    Column("visible", frozenset({"visible", "tampil", "ditampilkan"}), False, _visible),
    Column("option", frozenset({"option", "opsi", "pilihan", "varian", "variant", "ukuran"}), False, _option),
)
COLUMNS = [c.name for c in COLUMNS_SPEC if c.name not in ("visible", "option")]  # the classic seven, in their order
BY_HEADER = {alias: column for column in COLUMNS_SPEC for alias in column.aliases}


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
    visible: bool | None = None  # None: as it is (a new product: shown)
    option: str | None = None  # this row is one option of the product with its name ("XL", "500g")


class ImportError_(Exception):
    def __init__(self, errors: list[str], encoding: str | None = None):
        super().__init__("\n".join(errors))
        self.errors = errors
        self.encoding = encoding


@dataclass
class Parsed:
    rows: list[Row]
    encoding: str = "UTF-8"
    separator: str = ","
    notes: list[str] = field(default_factory=list)


def separator_of(header: str) -> str:
    """The separator the header line uses: `;` (Excel, Indonesian locale), a tab, else `,`."""
    counts = {sep: header.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def parse_file(path: Path) -> Parsed:
    """The rows of a catalog file, or ImportError_ naming every problem; never a traceback."""
    try:
        decoded = csv_file.read(path)
    except csv_file.FileRefused as exc:
        raise ImportError_([str(exc)]) from exc
    try:
        parsed = parse_text(decoded.text)
    except ImportError_ as exc:
        raise ImportError_(exc.errors, decoded.encoding) from exc
    parsed.encoding = decoded.encoding
    return parsed


def parse_csv(text: str) -> list[Row]:
    """Every row or an error listing every bad line; nothing partial."""
    return parse_text(text).rows


def parse_text(text: str) -> Parsed:
    lines = text.lstrip("\ufeff").splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ImportError_(["the file has no header row: the first line names the columns, "
                            f"e.g. {','.join(COLUMNS)}"])
    sep = separator_of(lines[first])
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=sep)
    errors: list[str] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    try:
        header = next(reader)
        columns, errors = _header(header, first + 1)
        if errors:
            raise ImportError_(errors)
        end = reader.line_num
        for cells in reader:
            line, end = first + end + 1, reader.line_num  # where this record starts (a quoted value may span lines)
            if len(rows) + len(errors) >= MAX_ROWS:
                raise ImportError_([f"more than {MAX_ROWS:,} rows: split the file"])
            if not any(c.strip() for c in cells):
                continue
            row = _row(cells, columns, line, sep, errors)
            if row is None:
                continue
            if row.sku in seen:
                errors.append(f"line {line}: sku {row.sku} is on line {seen[row.sku]} too: list each product once")
                continue
            seen[row.sku] = line
            rows.append(row)
    except csv.Error as exc:
        raise ImportError_(errors + [f"line {first + reader.line_num}: not readable as CSV ({exc})"]) from exc
    errors += _family_errors(rows)
    if errors:
        raise ImportError_(sorted(errors, key=_line_of))
    return Parsed(rows, separator=sep)


def _line_of(error: str) -> int:
    found = re.match(r"line (\d+)", error)
    return int(found.group(1)) if found else 0


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
                errors.append(f"line {r.line} ({r.sku}): {name} has options on line "
                              f"{next(g.line for g in group if g.option)}: give this row an option too")
            elif r.option.lower() in labels:
                errors.append(f"line {r.line} ({r.sku}): option {r.option} of {name} is on line "
                              f"{labels[r.option.lower()]} too: list each option once")
            else:
                labels[r.option.lower()] = r.line
            if r.category != first.category:
                errors.append(f"line {r.line} ({r.sku}): the options of {name} share one category: "
                              f"write {first.category}")
    return errors


def _header(cells: list[str], line: int) -> tuple[list[Column | None], list[str]]:
    columns: list[Column | None] = []
    errors, named = [], set()
    for cell in cells:
        key = " ".join(cell.strip().lower().replace("_", " ").split())
        column = BY_HEADER.get(key)
        if column is None and not key:
            columns.append(None)  # an empty column at the end of a sheet
            continue
        if column is None:
            errors.append(f"line {line}: unknown column {cell.strip()!r}; the columns are "
                          f"{', '.join(c.name for c in COLUMNS_SPEC)}")
        elif column.name in named:
            errors.append(f"line {line}: column {column.name} is named twice")
        else:
            named.add(column.name)
        columns.append(column)
    missing = [c.name for c in COLUMNS_SPEC if c.required and c.name not in named]
    if missing:
        errors.append(f"line {line}: the header lacks {', '.join(missing)}; it must name at least "
                      f"{', '.join(c.name for c in COLUMNS_SPEC if c.required)} (e.g. {','.join(COLUMNS)})")
    return columns, errors


def _row(cells: list[str], columns: list[Column | None], line: int, sep: str, errors: list[str]) -> Row | None:
    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
        errors.append(f"line {line}: {len(cells)} values but {len(columns)} columns: a value with a "
                      f"{'semicolon' if sep == ';' else 'comma'} in it needs double quotes around it")
        return None
    values: dict[str, Any] = {}
    problems = []
    for column, cell in zip(columns, cells + [""] * (len(columns) - len(cells))):
        if column is None:
            continue
        try:
            values[column.name] = column.read(cell.strip())
        except CellError as exc:
            problems.append(str(exc))
    for column in COLUMNS_SPEC:
        if column.name not in values and not column.required:
            values[column.name] = column.read("")
    if problems:
        sku = values.get("sku")
        errors.append(f"line {line}" + (f" ({sku})" if sku else "") + ": " + "; ".join(problems))
        return None
    return Row(line=line, **values)


def import_rows(session: Session, shop_id: int, rows: list[Row], *, show: bool = False) -> tuple[int, int]:
    """Upserts by sku; returns (created, updated). The caller commits. show: every listed product
    is shown to customers (what `--replace` means), unless its `visible` column says otherwise.
    Options join their product: the one of that name already in the shop, else their first row's."""
    created = updated = 0
    categories = categories_db.ensure_categories(session, shop_id, [r.category for r in rows])
    for r in rows:
        fields: dict[str, Any] = dict(name=r.name, category_id=categories[r.category], price=r.price, stock=r.stock,
                                      description=r.description, image_url=r.image_url)
        if r.visible is not None or show:
            fields["visible"] = r.visible if r.visible is not None else True
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


def hide_unlisted(session: Session, shop_id: int, rows: list[Row]) -> int:
    """`--replace`: every product of the shop the file does not list is hidden (orders keep
    pointing at it); returns how many were hidden."""
    hidden = products_db.hide_except(session, shop_id, {r.sku for r in rows})
    shops_db.bump_catalog_version(session, shop_id)
    return hidden


def export_csv(session: Session, shop_id: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, "option", "visible"])
    for p in products_db.fetch_products(session, shop_id, visible_only=False):
        writer.writerow([p.sku, p.name, p.category or "", p.price, p.stock, p.description or "", p.image_url or "",
                         p.option_label or "", "yes" if p.visible else "no"])
    return out.getvalue()
