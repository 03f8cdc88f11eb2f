"""The setup's last step, the first products, read as the owner writes them: one line with a
price and a stock ("Blangkon 45rb stok 10"), a product with options in slashes ("Kemeja Batik
Kawung M/L/XL 150rb stok 5/5/3", as "produk baru" reads it), and a line missing its price or
stock kept until the next message gives just that ("Blangkon 45rb" ... "10"). Pure."""

from __future__ import annotations

from typing import Any

from conversations.seller.changes import CreateProduct
from conversations.seller.new_options import amounts, kinds, per_option
from conversations.seller.parse import words_of
from conversations.seller.products import parse_new
from conversations.seller.stock import MAX_PRICE, MAX_STOCK
from language.money import rupiah
from language.numbers import read_number
from language.text import COUNT_WORDS
from texts.id import shop_setup as t


def read(text: str, pending: dict[str, Any] | None) -> dict[str, Any]:
    """The product the message describes, or the one waiting (`pending`) with the price or
    stock this message gives it ("10", "stok 10", "45rb", "5/5/3")."""
    draft = parse_new(text) if text.strip() else {}
    named = draft.get("name")
    numbers = any(k in draft for k in ("price", "stock", "prices", "stocks"))
    if pending is None or (named and numbers and not set(words_of(named)) <= COUNT_WORDS):
        return draft  # a new product's line ("Sarung Tenun 120rb stok 3"); a bare word answers nothing
    need = missing(pending)
    if len(need) == 2:  # "45rb stok 10": the rest of the line
        return {**pending, **{k: v for k, v in draft.items() if k in ("price", "stock", "prices", "stocks")}}
    slot = need[0] if need else "stock"
    if "/" in text and (values := amounts(text.strip())) is not None:
        key = "prices" if slot == "price" else "stocks"
        return {**pending, key: [v for v, _ in values]}
    said = words_of(text)
    number = next((n for i in range(len(said)) if (n := read_number(said, i)) is not None), None)
    if number is None or number.whole is None or (slot == "stock" and number.money):
        return pending
    return {**{k: v for k, v in pending.items() if k != slot + "s"}, slot: number.whole}


def _values(draft: dict[str, Any], key: str) -> list[int] | None:
    return per_option(draft.get(key + "s"), draft.get(key), max(len(draft.get("options") or []), 1))


def missing(draft: dict[str, Any]) -> list[str]:
    """"price" and/or "stock" when the draft lacks them (one per option) or they cannot be right."""
    prices, stocks = _values(draft, "price"), _values(draft, "stock")
    return [k for k, ok in (("price", prices is not None and all(100 <= p <= MAX_PRICE for p in prices)),
                            ("stock", stocks is not None and all(0 <= n <= MAX_STOCK for n in stocks))) if not ok]


def needs(draft: dict[str, Any]) -> str:
    """What to ask for, in the owner's words."""
    name, options = draft["name"], draft.get("options") or []
    what = {("price",): t.MISSING_PRICE, ("stock",): t.MISSING_STOCK}.get(tuple(missing(draft)), t.MISSING_BOTH)
    sample = {t.MISSING_PRICE: t.SAMPLE_PRICE, t.MISSING_STOCK: t.SAMPLE_STOCK}.get(what, t.SAMPLE_BOTH)
    if options and what != t.MISSING_BOTH:
        sample = "/".join(sample for _ in options)
    return t.PRODUCT_NEEDS.format(name=name, missing=what, sample=sample)


def create(draft: dict[str, Any], seller_id: int, actor: str, category: str,
           image: str | None) -> tuple[CreateProduct, str]:
    """The product to create (every option of it) and the line that says so."""
    prices, stocks = _values(draft, "price") or [], _values(draft, "stock") or []
    labels = draft.get("options") or []
    options = tuple(zip(labels, prices, stocks, kinds(labels)))
    effect = CreateProduct(seller_id, actor, draft["name"], prices[0], stocks[0], draft.get("category") or category,
                           image, options=options)
    photo = t.PRODUCT_PHOTO if image else ""
    if options:
        lines = "\n".join(t.PRODUCT_OPTION_LINE.format(label=o, price=rupiah(p), stock=n) for o, p, n, _ in options)
        return effect, t.PRODUCT_ADDED_OPTIONS.format(name=draft["name"], photo=photo, lines=lines)
    return effect, t.PRODUCT_ADDED.format(name=draft["name"], price=rupiah(prices[0]), stock=stocks[0], photo=photo)
