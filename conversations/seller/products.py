"""New products (in one line, or asked step by step) and product photos.

"produk baru Bolu Pandan 35rb stok 10" creates at once; "produk baru" alone, or a line
missing the price or stock, asks for what is missing. Options come with slashes, in the line
or in the name step: "Kemeja Batik Parang M/L/XL 185rb stok 5/5/3" (conversations.seller.new_options).
A photo whose caption names a product becomes its picture; without a caption the bot asks which product it is for.
The picture is the shop's file in the media store (media/), fetched by the channel and filed
by the engine, so every channel shows it; one the channel could not keep is refused with why.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from language.money import rupiah
from language.names import tidy_name
from language.numbers import read_number
from language.text import COUNT_WORDS, fold, normalize
from conversations.base import Button, Reply, Step, Turn, say
from conversations.seller import stock as seller_stock
from conversations.seller.changes import CreateProduct
from conversations.choice import Choice
from conversations.seller.common import clean, find, fresh, idle, kept, short_name, stamp
from conversations.seller.new_options import amounts, kinds, per_option, read_slashed
from conversations.seller.parse import Command, parse, words_of
from conversations.seller.ports import SellerCtx
from texts.id import seller as t

NEW_LINE = re.compile(r"^\s*(?:(?:produk|prduk|produck|barang|menu|item)\s+baru|(?:tambah|tambahkan|buat|bikin|input)"
                      r"\s+(?:produk|prduk|barang|menu|item)(?:\s+baru)?|new\s+product)\b[\s:,-]*", re.IGNORECASE)
CATEGORY_TAIL = re.compile(r"\b(?:kategori|kat)\b\s*:?\s*(.+)$", re.IGNORECASE)
PRICE_WORDS = {"harga", "hrg", "price"}
STOCK_WORDS = {"stok", "stock", "stk", "jumlah", "qty"}
PHOTO_WORDS = {"foto", "gambar", "photo", "pic", "untuk", "utk", "buat", "produk", "ini", "ganti", "baru"}
NAME_LEN = (2, 100)
CATEGORY = Choice("sl:cat", str)  # the new product's category: its name


class SellerProducts(StrEnum):
    NEW_NAME = "seller_products:new_name"
    NEW_PRICE = "seller_products:new_price"
    NEW_STOCK = "seller_products:new_stock"
    NEW_CATEGORY = "seller_products:new_category"
    PHOTO = "seller_products:photo"  # a photo came without a caption naming the product

MAX_STOCK = seller_stock.MAX_STOCK


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if state in NEW_STEPS and not turn.media and fresh(data, ctx):
        return NEW_STEPS[state](data, turn, ctx)
    if state == SellerProducts.PHOTO and turn.text.strip() and not turn.choice and fresh(data, ctx):
        if (made := with_photo(clean(data), turn.text, data.get("photo"), ctx)) is not None:
            return made  # "bolu kukus 25rb stok 5" for the photo just sent: a new product with it
        if parse(turn.text, ctx.desk.sizes()) is None:
            return photo_target(data, turn.text, ctx)
    if turn.media:
        return photo(clean(data), turn, ctx)
    if turn.choice or not (match := NEW_LINE.match(turn.text)):
        return None
    return new_line(clean(data), turn.text[match.end():], ctx)


def new_line(data: dict[str, Any], rest: str, ctx: SellerCtx) -> Step:
    """creates a product from one line, or asks for what the line left out."""
    draft = parse_new(rest)
    if draft.get("name") is None:
        return say(SellerProducts.NEW_NAME, {**data, "new": {}, "at": stamp(ctx)}, Reply(t.NEW_ASK_NAME))
    return _next(data, draft, ctx, ask_category=False)


def parse_new(rest: str) -> dict[str, Any]:
    """{"name", "price", "stock", "category"} found in "Bolu Pandan 35rb stok 10 kategori Kue",
    and "options", "prices", "stocks" when options are written with slashes."""
    draft: dict[str, Any] = {}
    rest, slashed = read_slashed(rest)
    draft.update(slashed)
    if tail := CATEGORY_TAIL.search(rest):
        draft["category"] = tidy_name(tail.group(1).strip(" .,"))
        rest = rest[:tail.start()]
    raw = re.findall(r"[^\s,;]+", rest)
    pieces: list[str] = []
    owner: list[int] = []
    for i, token in enumerate(raw):
        low = fold(token).strip(".:")
        split = [low] if re.fullmatch(r"\d+(?:\.\d+)?(?:g|kg|ml|l)", normalize(low)) else re.findall(
            r"\d+(?:[.,]\d+)*|[a-z]+", low)
        pieces += split
        owner += [i] * len(split)
    used: set[int] = set()
    j, want = 0, None
    while j < len(pieces):
        if pieces[j] in PRICE_WORDS | STOCK_WORDS:
            want = "price" if pieces[j] in PRICE_WORDS else "stock"
            used.add(owner[j])
            j += 1
            continue
        number = read_number(pieces, j) if not (j and pieces[j - 1] == "isi") else None
        if number is None or number.whole is None:
            j, want = j + 1, None
            continue
        slot = want or ("price" if number.money or "price" not in draft else "stock")
        if slot not in draft:
            draft[slot] = number.whole
            used.update(owner[number.start:number.end])
        j, want = number.end, None
    name = " ".join(token for i, token in enumerate(raw) if i not in used).strip(" -:")
    if name and re.search(r"[^\W\d_]", name):
        draft["name"] = tidy_name(name)
    return draft


def _next(data: dict[str, Any], draft: dict[str, Any], ctx: SellerCtx, ask_category: bool = True) -> Step:
    """asks for the first missing piece, or creates the product; a complete one-liner
    without a category takes the category of the products it resembles."""
    name = draft["name"]
    if not NAME_LEN[0] <= len(name) <= NAME_LEN[1]:
        return say(SellerProducts.NEW_NAME, {**data, "new": {}, "at": stamp(ctx)}, Reply(t.NEW_BAD_NAME))
    best, _ = find(ctx, name)
    if best is not None and normalize(best.name) == normalize(name):
        return idle(data, Reply(t.NEW_EXISTS.format(name=best.name, short=short_name(best.name))))
    keep = {**data, "new": draft, "at": stamp(ctx)}
    options = draft.get("options") or []
    count = max(len(options), 1)
    prices = per_option(draft.get("prices"), draft.get("price"), count)
    if prices is None or not all(100 <= p <= seller_stock.MAX_PRICE for p in prices):
        ask = t.NEW_ASK_PRICE_OPTIONS.format(name=name, options="/".join(options)) if options else t.NEW_ASK_PRICE.format(name=name)
        return say(SellerProducts.NEW_PRICE, keep, Reply(ask))
    stocks = per_option(draft.get("stocks"), draft.get("stock"), count)
    if stocks is None or not all(0 <= n <= MAX_STOCK for n in stocks):
        ask = t.NEW_ASK_STOCK_OPTIONS.format(options="/".join(options)) if options else t.NEW_ASK_STOCK
        return say(SellerProducts.NEW_STOCK, keep, Reply(ask))
    draft = {**draft, "price": prices[0], "stock": stocks[0], "prices": prices, "stocks": stocks}
    if "category" not in draft:
        if ask_category:
            cats = [c for c in ctx.desk.categories() if c != t.OTHER_CATEGORY] + [t.OTHER_CATEGORY]
            buttons = [Button(c, CATEGORY.pack(c)) for c in cats]
            return say(SellerProducts.NEW_CATEGORY, {**keep, "new": draft}, Reply(t.NEW_ASK_CATEGORY, buttons))
        draft = {**draft, "category": guess_category(ctx, name)}
    return _create(data, draft, ctx)


def guess_category(ctx: SellerCtx, name: str) -> str:
    """The category of the products this name resembles, when they agree ("Nastar Coklat" -> Kue Kering)."""
    best, candidates = find(ctx, name)
    cats = {p.category for p in ([best] if best else candidates) if p.category}
    return cats.pop() if len(cats) == 1 else t.OTHER_CATEGORY


def _create(data: dict[str, Any], draft: dict[str, Any], ctx: SellerCtx) -> Step:
    me = ctx.seller
    labels = draft.get("options") or []
    options = tuple(zip(labels, draft.get("prices") or [], draft.get("stocks") or [], kinds(labels)))
    effect = CreateProduct(me.id, me.label, draft["name"], draft["price"], draft["stock"], draft["category"],
                           image_url=draft.get("image"), options=options)
    if options:
        lines = "\n".join(t.NEW_OPTION_LINE.format(label=o, price=rupiah(p), stock=n) for o, p, n, _ in options)
        text = t.NEW_CREATED_OPTIONS.format(name=draft["name"], category=draft["category"], lines=lines)
    else:
        text = t.NEW_CREATED.format(name=draft["name"], price=rupiah(draft["price"]), stock=draft["stock"],
                                    category=draft["category"])
    return idle(data, Reply(text + "\n" + t.UNDO_HINT), effects=[effect], then=on_created)


def on_created(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """keeps the confirmation and remembers the new product (every option of it) for "batalkan"."""
    created = outcomes[0]
    return kept(step, {"kind": "created", "product_id": created.product_id,
                       "product_ids": list(created.product_ids or (created.product_id,)),
                       "name": step.effects[0].name, "at": ctx.now.isoformat()})


def on_name(data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    """takes the new product's name (and the price and stock, when they come along)."""
    draft = parse_new(turn.text)
    if "name" not in draft:
        return say(SellerProducts.NEW_NAME, {**data, "at": stamp(ctx)}, Reply(t.NEW_BAD_NAME))
    return _next(data, draft, ctx)


def on_price(data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    """takes the price ("35rb", "35.000", "tiga puluh lima ribu"), or one per option ("185rb/195rb")."""
    if "/" in turn.text and (values := amounts(turn.text.strip())) is not None:
        return _next(data, {**data["new"], "prices": [v if money or v >= 1000 else v * 1000 for v, money in values]}, ctx)
    words = words_of(turn.text)
    number = next((n for i in range(len(words)) if (n := read_number(words, i)) is not None), None)
    if number is None or number.whole is None or not 100 <= number.whole <= seller_stock.MAX_PRICE:
        return say(SellerProducts.NEW_PRICE, {**data, "at": stamp(ctx)}, Reply(t.NEW_BAD_PRICE))
    return _next(data, {**{k: v for k, v in data["new"].items() if k != "prices"}, "price": number.whole}, ctx)


def on_stock(data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    """takes the starting stock, or one per option ("5/5/3")."""
    if "/" in turn.text and (values := amounts(turn.text.strip())) is not None and not any(m for _, m in values):
        return _next(data, {**data["new"], "stocks": [v for v, _ in values]}, ctx)
    words = words_of(turn.text)
    number = read_number(words, 0) if words else None
    if number is not None and not all(w in COUNT_WORDS for w in words[number.end:]):
        number = None
    if number is None or number.whole is None or number.money or not 0 <= number.whole <= MAX_STOCK:
        return say(SellerProducts.NEW_STOCK, {**data, "at": stamp(ctx)}, Reply(t.NEW_BAD_STOCK))
    return _next(data, {**{k: v for k, v in data["new"].items() if k != "stocks"}, "stock": number.whole}, ctx)


def on_category(data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    """takes a category button, or a new category's name."""
    picked = CATEGORY.one(turn.choice)
    name = picked or tidy_name(" ".join(turn.text.split()))[:100]
    if not name:
        return say(SellerProducts.NEW_CATEGORY, {**data, "at": stamp(ctx)}, Reply(t.NEW_ASK_CATEGORY))
    return _create(data, {**data["new"], "category": name}, ctx)


NEW_STEPS = {SellerProducts.NEW_NAME: on_name, SellerProducts.NEW_PRICE: on_price, SellerProducts.NEW_STOCK: on_stock,
             SellerProducts.NEW_CATEGORY: on_category}


def photo(data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    """sets the picture of the product named in the caption, or asks which product."""
    if (rejected := turn.media[0].rejected) or not turn.media[0].ref:
        return idle(data, Reply(t.PHOTO_UNUSABLE.get(rejected or "", t.PHOTO_UNUSABLE["unavailable"])))
    ref = turn.media[0].ref
    if (made := with_photo(data, turn.text, ref, ctx)) is not None:
        return made
    query = " ".join(w for w in words_of(turn.text) if w not in PHOTO_WORDS)
    if not query:
        return say(SellerProducts.PHOTO, {**data, "photo": ref, "at": stamp(ctx)}, Reply(t.PHOTO_ASK_PRODUCT))
    return seller_stock.run(data, ctx, Command("image", query, ref=ref))


def _photo_words_off(words: list[str]) -> list[str]:
    """The caption without its leading "ini foto", "foto untuk", "produk baru"-like words."""
    i = 0
    while i < len(words) and words[i].lower() in PHOTO_WORDS:
        i += 1
    return words[i:]


def with_photo(data: dict[str, Any], text: str, ref: str | None, ctx: SellerCtx) -> Step | None:
    """A new product for a photo: its caption (or the words after it) is "produk baru …", or a name
    with a price that no product of the shop has ("bolu kukus 25rb stok 5"); None otherwise (the
    photo is for a product the shop has)."""
    if not ref or not text.strip():
        return None
    match = NEW_LINE.match(text)
    rest = text[match.end():] if match else " ".join(_photo_words_off(text.split()))
    draft = parse_new(rest)
    if draft.get("name") is None:
        return say(SellerProducts.NEW_NAME, {**data, "new": {"image": ref}, "at": stamp(ctx)},
                   Reply(t.NEW_ASK_NAME)) if match else None
    if not match:
        best, candidates = find(ctx, draft["name"])
        if draft.get("price") is None or best is not None or candidates:
            return None
    return _next(data, {**draft, "image": ref}, ctx, ask_category=False)


def photo_target(data: dict[str, Any], text: str, ctx: SellerCtx) -> Step:
    """names the product a captionless photo is for."""
    query = " ".join(w for w in words_of(text) if w not in PHOTO_WORDS)
    best, candidates = find(ctx, query) if query else (None, [])
    if best is None and not candidates:
        example = f"{tidy_name(' '.join(_photo_words_off(text.split())) or text)} 35rb stok 10"
        reply = Reply(t.PHOTO_NOT_FOUND.format(query=text.strip(), example=example))
        return say(SellerProducts.PHOTO, {**data, "at": stamp(ctx)}, reply)
    return seller_stock.run(clean(data), ctx, Command("image", query, ref=data["photo"]))
