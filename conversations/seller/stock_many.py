"""Several products' stock in one message: "stok: nastar keju 250 5, kastengel 250 3", one per
line under "stok:", or "kastengel 500 entek, kastengel 250 sisa 2".

Every line must name one product and a stock; then all change together, each shown as before ->
after. A line whose product is unclear or whose number cannot be, and nothing changes: the seller
is told which line and why. Prices stay one per message (a price can need a question first).
"""

from __future__ import annotations

import re
from typing import Any

from conversations.base import Reply, Step
from conversations.seller.changes import ProductChange
from conversations.seller.common import WHAT, find, idle, kept_noting_failures, show_value
from conversations.seller.parse import KEYWORDS, Command, parse, words_of
from conversations.seller.ports import SellerCtx
from texts.id import seller as t

_LINES = re.compile(r"\n|;|,(?!\d)")
_HEAD = re.compile(r"^\s*(stok|stock|stoknya|setok)\b\s*:?\s*", re.IGNORECASE)
STOCK_ACTIONS = ("stock_set", "stock_add", "stock_sub")
MAX_STOCK = 100_000


def parse_many(text: str, sizes: frozenset[int]) -> list[Command] | None:
    """A command per line when the message holds two or more stock lines, else None."""
    head = _HEAD.match(text)
    body = text[head.end():] if head else text
    parts = [part for part in _LINES.split(body) if part.strip()]
    if len(parts) < 2:
        return None
    commands = []
    for part in parts:
        said = part if not head or set(words_of(part)) & KEYWORDS else f"stok {part}"
        cmd = parse(said, sizes)
        if cmd is None or cmd.action not in STOCK_ACTIONS or cmd.question or not cmd.query:
            return None
        if cmd.problem is None and cmd.amount is None:
            return None
        commands.append(cmd)
    return commands


def run_many(data: dict[str, Any], ctx: SellerCtx, commands: list[Command]) -> Step:
    """changes every line's stock together, or none and says why."""
    changes: list[ProductChange] = []
    lines: list[str] = []
    for cmd in commands:
        if cmd.problem:
            problem = t.PROBLEMS[cmd.problem].format(short=cmd.query, amount=cmd.amount)
            return idle(data, Reply(t.MANY_REFUSED.format(problem=problem)))
        best, candidates = find(ctx, cmd.query)
        if best is None and candidates:
            names = ", ".join(p.label for p in candidates)
            return idle(data, Reply(t.MANY_WHICH.format(query=cmd.query, names=names, example=cmd.query)))
        if best is None:
            return idle(data, Reply(t.MANY_NOT_FOUND.format(query=cmd.query)))
        amount = cmd.amount or 0
        after = {"stock_add": best.stock + amount, "stock_sub": best.stock - amount}.get(cmd.action, amount)
        if after < 0:
            problem = t.STOCK_NOT_ENOUGH.format(name=best.label, stock=best.stock, amount=amount)
            return idle(data, Reply(problem))
        if after > MAX_STOCK:
            return idle(data, Reply(t.STOCK_TOO_MANY.format(amount=after, limit=f"{MAX_STOCK:,}".replace(",", "."))))
        if after == best.stock:
            lines.append(t.MANY_SAME.format(name=best.label, value=after))
            continue
        changes.append(ProductChange(ctx.seller.id, ctx.seller.label, best.id, best.label, "stock", best.stock, after))
        lines.append(t.CHANGED.format(what=WHAT["stock"], name=best.label, before=best.stock, after=after))
    if changes:
        lines.append(t.MANY_HINT)
    return idle(data, Reply("\n".join(lines)), effects=changes, then=on_many_changed)


def on_many_changed(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """keeps the confirmation, adding a line for any product that could not be changed."""
    return kept_noting_failures(step, outcomes, lambda change, outcome: t.MANY_FAILED.format(
        name=change.name, now=show_value("stock", outcome.now)))
