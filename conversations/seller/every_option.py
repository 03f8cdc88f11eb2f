"""One command for every option of a product: "harga kemeja kawung semua ukuran 165rb", or
*Semua pilihan* (typed "semua") when we asked which size a price was for. A batik seller's
shirt costs the same in M, L and XL; asking three times was the only way before.

Prices, stock set or added, hiding and showing; each option is shown before -> after. A price
that looks like a slip for any option (far from today's, or written without its thousands)
changes nothing and says to write it in full. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from conversations.base import Button, Reply, Step
from conversations.seller.changes import ProductChange
from conversations.seller.common import PICK, WHAT, command_name, idle, kept_noting_failures, show_value
from conversations.seller.parse import Command
from conversations.seller.ports import SellerCtx, SellerProduct
from language.money import rupiah
from texts.id import seller as t

ALL = "all"  # the PICK value of the button "Semua pilihan"
_EVERY = re.compile(r"\b(?:semua|semuanya|smua|seluruh)(?:\s+(?:ukuran|ukurannya|size|pilihan|pilihannya|varian|"
                    r"variannya|warna|warnanya|rasa|rasanya|level|model|motif|berat))?\b", re.IGNORECASE)
ACTIONS = ("price_set", "price_add", "price_sub", "stock_set", "stock_add", "hide", "show")
SLIP_FACTOR = 2


def said(query: str) -> tuple[str, bool]:
    """The product's words without "semua ukuran", and whether it was said."""
    rest = " ".join(_EVERY.sub(" ", query).split())
    return rest, rest != " ".join(query.split())


def only_every(text: str) -> bool:
    """ "semua", "semuanya aja", "semua ukuran kak": the answer to "which one?"."""
    rest = _EVERY.sub(" ", text.lower())
    return rest != text.lower() and not set(rest.split()) - {"aja", "saja", "kak", "ya", "yang", "yg", "deh", "dong"}


def family(best: SellerProduct | None, candidates: list[SellerProduct], ctx: SellerCtx) -> list[SellerProduct]:
    """Every option of the one product meant, or [] when the words mean several products."""
    rows = [best] if best is not None else candidates
    families = {p.family_id for p in rows}
    if len(families) != 1 or None in families:
        return []
    return [p for p in ctx.desk.products() if p.family_id in families]


def button(products: list[SellerProduct]) -> list[Button]:
    """ "Semua pilihan (M, L, XL)" under the options, when they are one product's."""
    families = {p.family_id for p in products}
    if len(products) < 2 or len(families) != 1 or None in families:
        return []
    return [Button(t.BTN_ALL_OPTIONS.format(labels=", ".join(p.option or p.label for p in products)), PICK.pack(ALL))]


def change(data: dict[str, Any], ctx: SellerCtx, cmd: Command, products: list[SellerProduct]) -> Step | None:
    """changes every option together, or says why none; None for a command this does not cover."""
    if cmd.action not in ACTIONS or (cmd.amount is None and cmd.action not in ("hide", "show")) or cmd.question:
        return None
    name = products[0].name
    field = {"hide": "visible", "show": "visible"}.get(cmd.action, cmd.action.split("_")[0])
    changes, lines = [], []
    for p in products:
        before = {"price": p.price, "stock": p.stock, "visible": p.visible}[field]
        after = _after(cmd, before)
        if field == "price" and (after <= 0 or after * SLIP_FACTOR <= before or after >= before * SLIP_FACTOR):
            return idle(data, Reply(t.ALL_PRICE_SLIP.format(name=p.label, before=rupiah(before),
                                                            after=rupiah(max(after, 0)))))
        if after == before:
            lines.append(t.ALL_SAME.format(option=p.option or p.label, value=show_value(field, after)))
            continue
        changes.append(ProductChange(ctx.seller.id, ctx.seller.label, p.id, p.label, field, before, after))
        lines.append(t.ALL_LINE.format(option=p.option or p.label, before=show_value(field, before),
                                       after=show_value(field, after)))
    head = t.ALL_CHANGED.format(what=WHAT[field], name=name)
    tail = [t.ALL_HINT.format(example=_example(field, products[-1], changes[-1].after))] if changes else []
    return idle(data, Reply("\n".join([head, *lines, *tail])), effects=changes, then=on_changed)


def _example(field: str, p: SellerProduct, after: Any) -> str:
    """The command for the last option alone, in this shop's words ("harga kemeja batik xl Rp165.000")."""
    if field == "visible":
        return f"{'tampilkan' if after else 'sembunyikan'} {command_name(p)}"
    return f"harga {command_name(p)} {rupiah(after)}" if field == "price" else f"stok {command_name(p)} {after}"


def _after(cmd: Command, before: Any) -> Any:
    if cmd.action in ("hide", "show"):
        return cmd.action == "show"
    amount = cmd.amount or 0
    if cmd.action.startswith("price") and cmd.bare and 0 < amount < 1000:
        amount *= 1000  # "harga kemeja semua 165": sellers drop the thousands
    return {"price_add": before + amount, "price_sub": before - amount, "stock_add": before + amount}.get(
        cmd.action, amount)


def on_changed(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """keeps the confirmation, with a line for any option that could not be changed."""
    return kept_noting_failures(step, outcomes, lambda change, outcome: t.ALL_FAILED.format(
        name=change.name, what=WHAT[change.field].lower(), now=show_value(change.field, outcome.now)))


def without_every(cmd: Command) -> tuple[Command, bool]:
    query, every = said(cmd.query or "")
    return (replace(cmd, query=query), True) if every and query else (cmd, False)
