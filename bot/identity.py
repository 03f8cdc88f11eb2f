"""Who is talking: a channel identity joined to one customer of the shop.

A customer is their phone number. WhatsApp gives it as the sender; Telegram when the person
shares their own contact. When an identity shows a phone that another customer of the shop
already has, they are one person: the identity (and its orders) move to that customer and
the two carts are joined, so there is one cart and one history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.messages import Inbound
from bot.phones import normalize_phone
from conversations.base import CustomerView
from storage import conversations as conversations_db
from storage import customers as customers_db
from storage import identities as identities_db
from storage import sellers as sellers_db

PHONE_IS_SENDER = {"whatsapp"}  # channels whose sender id is the person's phone number


@dataclass(frozen=True)
class Resolved:
    view: CustomerView
    party: identities_db.Party | None  # what the engine routes on; None for a customer created just now
    # A new identity, or one a channel had marked unreachable: anything held for them may go now.
    reopened: bool


def inbound_phone(inbound: Inbound) -> str | None:
    if inbound.channel in PHONE_IS_SENDER:
        return normalize_phone(inbound.sender)
    return normalize_phone(inbound.phone)


def resolve_customer(session: Session, shop_id: int, inbound: Inbound, now: datetime) -> Resolved:
    phone = inbound_phone(inbound)
    party = identities_db.fetch_party(session, shop_id, inbound.channel, inbound.sender)
    if party is None:
        return first_message(session, shop_id, inbound, phone, now)
    identities_db.touch_identity(session, party.identity_id, now, party.last_inbound_at, party.reachable)
    view = CustomerView(party.customer_id, party.name, party.phone)
    if phone and phone != party.phone:
        view = adopt_phone(session, shop_id, view, phone, now)
        conversation = party.conversation
        if view.id != party.customer_id:  # joined: route on the customer they now are
            conversation = conversations_db.load_conversation(session, shop_id, f"customer:{view.id}")
        party = replace(party, customer_id=view.id, name=view.name, phone=view.phone, conversation=conversation)
    return Resolved(view, party, reopened=not party.reachable)


def first_message(session: Session, shop_id: int, inbound: Inbound, phone: str | None, now: datetime) -> Resolved:
    """A new identity: joined to the customer who has this phone, else a new customer."""
    # A seller registered with `kedai seller add` has no identity before their first message.
    seller_row = sellers_db.fetch_seller(session, shop_id, inbound.channel, inbound.sender)
    seller_id = seller_row.id if seller_row is not None else None
    owner = customers_db.fetch_customer_by_phone(session, shop_id, phone) if phone else None
    if owner is None:
        identity_id, customer_id = customers_db.add_customer(session, shop_id, inbound.channel, inbound.sender,
                                                   inbound.profile_name, phone, now)
        party = identities_db.Party(identity_id, customer_id, now, None, phone, seller_id, None) if seller_id else None
        return Resolved(CustomerView(customer_id, None, phone), party, reopened=True)
    identity_id = identities_db.add_identity(session, shop_id, inbound.channel, inbound.sender, owner.id,
                                  inbound.profile_name, now)
    party = identities_db.Party(identity_id, owner.id, now, owner.name, owner.phone, seller_id,
                     conversations_db.load_conversation(session, shop_id, f"customer:{owner.id}"))
    return Resolved(CustomerView(owner.id, owner.name, owner.phone), party, reopened=True)


def adopt_phone(session: Session, shop_id: int, view: CustomerView, phone: str, now: datetime) -> CustomerView:
    """Records a phone the customer just showed, or joins them to the customer who has it."""
    owner = customers_db.fetch_customer_by_phone(session, shop_id, phone)
    if owner is None or owner.id == view.id:
        customers_db.set_customer_phone(session, view.id, phone)
        return CustomerView(view.id, view.name, phone)
    merge_customers(session, shop_id, view.id, owner.id, now)
    return CustomerView(owner.id, owner.name or view.name, phone)


def merge_customers(session: Session, shop_id: int, source: int, target: int, now: datetime) -> None:
    """source's identities, orders and conversation become target's; the carts are joined."""
    customers_db.move_customer(session, shop_id, source, target)
    theirs = conversations_db.load_conversation(session, shop_id, f"customer:{source}")
    if theirs is None:
        return
    kept = conversations_db.load_conversation(session, shop_id, f"customer:{target}")
    data = merged_data(kept.data if kept else {}, theirs.data)
    conversations_db.save_conversation(session, shop_id, f"customer:{target}", kept, theirs.state, data, now)
    if not conversations_db.delete_conversation(session, theirs.id, theirs.version):
        raise conversations_db.StaleConversation(f"customer:{source}")


def merged_data(kept: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The conversation the person is in now, with both carts: a product in both keeps the larger
    quantity (the same wish typed on two phones should not double)."""
    cart = {sku: int(qty) for sku, qty in (kept.get("cart") or {}).items()}
    for sku, qty in (current.get("cart") or {}).items():
        cart[sku] = max(cart.get(sku, 0), int(qty))
    merged = {**kept, **current}
    if cart:
        merged["cart"] = cart
    return merged
