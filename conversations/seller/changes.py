"""What sellers change by chat, as plain effects, and what can come of each.

The appliers (effects.catalog, effects.staff) make each change a conditional write naming the
value it expects to replace, with an audit row (who, when, before, after); the flow that asked
words the outcome (conversations.seller.stock, .undo, .products, .staff).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ProductChange:
    seller_id: int
    actor: str
    product_id: int
    name: str
    field: str  # stock | price | visible | image_url | low_stock_threshold
    before: Any
    after: Any
    undo: bool = False  # this change takes the previous one back


@dataclass(frozen=True)
class CreateProduct:
    seller_id: int
    actor: str
    name: str
    price: int
    stock: int
    category: str
    image_url: str | None = None  # a photo sent with the product's line (the channel's reference)
    options: tuple[tuple[str, int, int, str], ...] = ()  # (label, price, stock, kind) of each option, in order


@dataclass(frozen=True)
class RemoveNewProduct:
    """Takes back a product created by the previous message (every option of it)."""

    seller_id: int
    actor: str
    product_id: int
    name: str
    product_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class InviteStaff:
    """Creates a one-time staff invite code; only its hash is stored, the owner sees it once."""

    seller_id: int
    actor: str


@dataclass(frozen=True)
class RemoveStaff:
    seller_id: int
    actor: str
    target_id: int
    target: str  # the removed person's label, for the audit trail


@dataclass(frozen=True)
class RedeemInvite:
    """A non-seller sent a valid invite code: they become staff, once."""

    invite_id: int
    invited_by: int
    name: str | None


# Outcomes.
@dataclass(frozen=True)
class Done:
    """The change was made."""


@dataclass(frozen=True)
class ProductGone:
    """The product was deleted meanwhile."""


@dataclass(frozen=True)
class ChangedMeanwhile:
    """Someone (an order, another seller) changed the value first: nothing was overwritten."""

    now: Any  # the value the field holds now


@dataclass(frozen=True)
class Created:
    product_id: int
    product_ids: tuple[int, ...] = ()  # every option's row, for a product with options


@dataclass(frozen=True)
class AlreadySold:
    """A new product cannot be taken back once an order holds it."""


@dataclass(frozen=True)
class Invited:
    code: str  # shown to the owner once; only its hash is kept
    expires_at: datetime


@dataclass(frozen=True)
class StaffGone:
    """The staff member was removed already."""


@dataclass(frozen=True)
class Joined:
    name: str


@dataclass(frozen=True)
class InviteTaken:
    """Someone used the code a moment earlier."""
