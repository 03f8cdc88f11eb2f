"""Seller commands. Anything that is not one falls through to the customer flows."""

from __future__ import annotations

from typing import Any

from conversations.base import Ctx, Step, Turn
from handlers import seller_promo


def route(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    return seller_promo.route(state, data, turn, ctx)
