"""The money a seller records by chat, applied inside the message's transaction through
books.entries. A refusal (the entry was already taken back, or is an order's) leaves nothing
half-written: each applier runs in a savepoint, so a correction never keeps its reversal
without its corrected copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from books import entries
from books.accounts import Category, Kind
from conversations.seller.money_changes import (ChangeMoney, MoneyRefused, Recorded, RecordMoney, Reversed,
                                                ReverseMoney)
from effects.env import Env


def _guarded(env: Env, write: Callable[[], Any]) -> Any:
    savepoint = env.session.begin_nested()
    try:
        outcome = write()
    except entries.EntryRefused as refused:
        savepoint.rollback()
        return MoneyRefused(refused.reason)
    savepoint.commit()
    return outcome


def record(env: Env, effect: RecordMoney) -> Recorded | MoneyRefused:
    occurred_at = env.ctx.now - timedelta(days=max(0, effect.days_ago))

    def write() -> Recorded:
        entry = entries.record(env.session, env.who.shop_id, Kind(effect.kind), Category(effect.category),
                               effect.amount, effect.note, effect.actor, occurred_at, effect.receipt_ref)
        return Recorded(entry.id)

    return _guarded(env, write)


def change(env: Env, effect: ChangeMoney) -> Recorded | MoneyRefused:
    category = Category(effect.category) if effect.category else None

    def write() -> Recorded:
        entry = entries.change(env.session, env.who.shop_id, effect.entry_id, effect.actor, env.ctx.now,
                               category=category, amount=effect.amount)
        return Recorded(entry.id)

    return _guarded(env, write)


def reverse(env: Env, effect: ReverseMoney) -> Reversed | MoneyRefused:
    def write() -> Reversed:
        entries.reverse(env.session, env.who.shop_id, effect.entry_id, effect.actor, env.ctx.now)
        return Reversed()

    return _guarded(env, write)


APPLIERS = {RecordMoney: record, ChangeMoney: change, ReverseMoney: reverse}
