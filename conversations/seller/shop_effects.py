"""What an owner changes about the shop by chat, and becoming the owner, as plain effects, and
what can come of each. Applied by effects.shop_settings: a profile change is a write that first
checks the values it replaces (another seller may have changed them), with an audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ProfileChange:
    """Sets profile keys (name, address, latitude/longitude, opening_hours, phone, payment_methods,
    delivery_zones, pickup/pickup_address) from `before` to `after`."""

    seller_id: int
    actor: str
    what: str  # which setting, for the audit trail and the wording (texts.id.shop_setup.WHAT)
    before: dict[str, Any]
    after: dict[str, Any]
    undo: bool = False


@dataclass(frozen=True)
class ClaimOwnership:
    """The sender typed the shop's owner code: they become its owner (any other owner becomes
    staff), and their seller conversation starts in `state` with `data` (the setup, when the shop
    is new)."""

    code: str
    name: str | None
    state: str
    data: dict[str, Any]
    write_conversation: bool = True  # False when the sender is a seller already (the step saves it)


@dataclass(frozen=True)
class HandOver:
    """The owner asks for a one-time code to hand the shop to another owner."""

    seller_id: int
    actor: str


# Outcomes (profile changes also end in conversations.seller.changes.Done or ChangedMeanwhile).
@dataclass(frozen=True)
class OwnerClaimed:
    seller_id: int
    name: str


@dataclass(frozen=True)
class CodeTaken:
    """Someone used the owner code a moment earlier, or it expired."""


@dataclass(frozen=True)
class HandOverCode:
    code: str
    expires_at: datetime
