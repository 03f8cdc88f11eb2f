"""Handoffs to a person of the shop: opened by a customer (the sellers told, with the customer's
name, contact, open orders and words), taken by one seller, what either side writes relayed
through the bot (photos as the channel's media refs), and closed (by the seller: the customer
told; by the customer: their seller told and out of the chat; either way the seller shown who
waits next)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from conversations.base import Button, Reply
from conversations.customer.handoff import LeaveHandoff, OpenHandoff, Opened, RelayToSeller, Relayed
from conversations.seller.handoff import (TAKE, ChatGone, CloseHandoff, Closed, RelayToCustomer, TakeHandoff, Taken,
                                          TakenAlready, elsewhere, ended_notice, in_chat,
                                          left_by_customer)
from effects.env import Env
from effects.notices import to_sellers
from effects.outbox import Outbound, to
from storage import conversations as conversations_db
from storage import handoffs as handoffs_db
from storage import identities as identities_db
from storage import sellers as sellers_db
from storage.models import Customer
from storage.person_models import Handoff
from texts.id import handoff as t


def customer_name(session: Session, row: Handoff) -> str:
    """The name they gave at checkout, else the one their channel shows, else where they chat."""
    customer = session.get(Customer, row.customer_id)
    if customer is not None and customer.name:
        return customer.name
    return identities_db.fetch_profile_name(session, row.shop_id, row.customer_id) or row.address


def contact(session: Session, row: Handoff) -> str:
    customer = session.get(Customer, row.customer_id)
    if customer is not None and customer.phone:
        return f"{customer.phone} (https://wa.me/{customer.phone.lstrip('+')})"
    return f"{row.channel}: {row.address}"


def open_(env: Env, effect: OpenHandoff) -> Opened:
    session, who, now = env.session, env.who, env.ctx.now
    active = handoffs_db.fetch_active(session, who.shop_id, who.customer_id)
    if active is not None:
        handoffs_db.note(active, "c", effect.question or effect.about, now)
        return Opened(handoffs_db.position(session, who.shop_id, active.id), already=True)
    if not sellers_db.fetch_sellers(session, who.shop_id):  # nobody would ever hear them: say so, queue nothing
        return Opened(0, nobody=True)
    row = handoffs_db.open_handoff(session, who.shop_id, who.customer_id, who.channel, who.sender, effect.kind,
                                   (effect.question or effect.about)[:1000], effect.order_code, now)
    name = customer_name(session, row)
    waiting = [h for h in handoffs_db.fetch_queue(session, who.shop_id) if h.status == "waiting"]
    lines = [t.NEW[effect.kind].format(name=name, order=t.NEW_ORDER.format(code=effect.order_code) if effect.order_code else ""),
             t.CONTACT.format(contact=contact(session, row))]
    if effect.open_orders:
        lines.append(t.OPEN_ORDERS.format(orders=", ".join(effect.open_orders)))
    if effect.question:
        lines.append(t.SAID.format(text=effect.question[:300]))
    if effect.about:
        lines.append(t.ABOUT_LINE.format(about=effect.about[:300]))
    lines.append(t.QUEUE_HINT.format(count=len(waiting), n=len(waiting)))
    env.notices += to_sellers(session, who.shop_id, Reply("\n".join(lines), [Button(t.BTN_TAKE.format(name=name), TAKE.pack(row.id))]))
    return Opened(handoffs_db.position(session, who.shop_id, row.id))


def photos(refs: tuple[str, ...], caption: str) -> list[Reply]:
    return [Reply(caption, image_url=ref) for ref in refs]


def relay_to_seller(env: Env, effect: RelayToSeller) -> Relayed:
    session, who, now = env.session, env.who, env.ctx.now
    row = handoffs_db.fetch(session, who.shop_id, effect.handoff_id)
    if row is None or row.status == "closed":
        return Relayed(waiting=True)
    handoffs_db.note(row, "c", effect.text or ("[foto]" if effect.media else ""), now)
    name = customer_name(session, row)
    hint = "\n" + t.CANCEL_HINT.format(code=effect.cancel_code) if effect.cancel_code else ""
    if row.status == "waiting":
        if effect.text:
            told = t.FROM_CUSTOMER_WAITING.format(name=name, text=effect.text) + hint
            env.notices += to_sellers(session, who.shop_id, Reply(told))
        return Relayed(waiting=True)
    replies = ([Reply(t.FROM_CUSTOMER.format(name=name, text=effect.text) + hint)] if effect.text else []) + photos(
        effect.media, t.FROM_CUSTOMER_PHOTO.format(name=name))
    if replies and row.seller_id is not None and not seller_in_chat(session, who.shop_id, row.seller_id, row.id):
        replies[-1] = elsewhere(replies[-1], name, row.id)
    env.notices += [to(s.channel, s.external_id, r) for s in sellers_db.fetch_sellers(session, who.shop_id)
                    if s.id == row.seller_id for r in replies]  # only the seller who took the chat
    return Relayed(waiting=False)


def seller_in_chat(session: Session, shop_id: int, seller_id: int, handoff_id: int) -> bool:
    loaded = conversations_db.load_conversation(session, shop_id, f"seller:{seller_id}")
    return loaded is not None and in_chat(loaded.state, loaded.data, handoff_id)


def leave(env: Env, effect: LeaveHandoff) -> None:
    handoffs_db.close(env.session, env.who.shop_id, effect.handoff_id, env.ctx.now)


def take(env: Env, effect: TakeHandoff) -> Taken | TakenAlready:
    session, shop_id, now = env.session, env.who.shop_id, env.ctx.now
    if not handoffs_db.take(session, shop_id, effect.handoff_id, effect.seller_id, now):
        return TakenAlready()
    row = handoffs_db.fetch(session, shop_id, effect.handoff_id)
    assert row is not None
    env.notices.append(to(row.channel, row.address, Reply(t.TAKEN.format(seller=effect.seller, shop=env.ctx.shop.name))))
    return Taken(customer_name(session, row), row.order_code, row.question,
                 tuple((who, text) for who, text in (row.log or [])))


def relay_to_customer(env: Env, effect: RelayToCustomer) -> ChatGone | None:
    session, shop_id, now = env.session, env.who.shop_id, env.ctx.now
    row = handoffs_db.fetch(session, shop_id, effect.handoff_id)
    if row is None or row.status != "open" or row.seller_id != effect.seller_id:
        return ChatGone()
    handoffs_db.note(row, "s", effect.text or ("[foto]" if effect.media else ""), now)
    replies = ([Reply(t.FROM_SELLER.format(seller=effect.seller, text=effect.text))] if effect.text else []) + photos(
        effect.media, t.FROM_SELLER_PHOTO.format(seller=effect.seller))
    env.notices += [to(row.channel, row.address, r) for r in replies]
    return None


def close(env: Env, effect: CloseHandoff) -> Closed | ChatGone:
    """Closed by its seller (the customer told) or by its customer (the seller who had the chat
    told, out of it): either way the seller learns who waits next."""
    session, shop_id, now = env.session, env.who.shop_id, env.ctx.now
    mine = handoffs_db.fetch(session, shop_id, effect.handoff_id)
    if mine is None or (effect.by_customer and mine.customer_id != env.who.customer_id):
        return ChatGone()
    row = handoffs_db.close(session, shop_id, effect.handoff_id, now)
    if row is None:
        return ChatGone()
    waiting = [h for h in handoffs_db.fetch_queue(session, shop_id) if h.status == "waiting"]
    following = waiting[0] if waiting else None
    closed = Closed(customer_name(session, row), customer_name(session, following) if following else None,
                    following.kind if following else None, following.id if following else None)
    if not effect.by_customer:
        env.notices.append(to(row.channel, row.address, Reply(t.CLOSED)))
        return closed
    env.notices += [to(s.channel, s.external_id, ended_notice(closed))
                    for s in sellers_db.fetch_sellers(session, shop_id) if s.id == row.seller_id]
    if row.seller_id is not None:
        leave_chat(session, shop_id, row.seller_id, row.id, now)
    return closed


def leave_chat(session: Session, shop_id: int, seller_id: int, handoff_id: int, now: datetime) -> None:
    """Takes the seller out of the chat their customer ended. A message of theirs saved meanwhile
    wins (the version check); it then finds the chat closed and says so."""
    party = f"seller:{seller_id}"
    loaded = conversations_db.load_conversation(session, shop_id, party)
    left = left_by_customer(loaded.state, loaded.data, handoff_id) if loaded is not None else None
    if left is None:
        return
    try:
        with session.begin_nested():
            conversations_db.save_conversation(session, shop_id, party, loaded, *left, now)
    except conversations_db.StaleConversation:
        pass


def release_seller(session: Session, shop_id: int, seller_id: int, now: datetime) -> list[Outbound]:
    """A seller removed from the shop (chat "hapus staf", `kedai seller remove`; call it once they
    are gone) while holding chats: each customer goes back to the queue and is told, and the
    sellers left are offered them with the "Layani" button, as a new customer is; with no seller
    left the chat closes and the customer is back with the bot. Otherwise nobody would hear them
    until the idle timeout."""
    rows = handoffs_db.fetch_held_by(session, shop_id, seller_id)
    sellers_left = bool(sellers_db.fetch_sellers(session, shop_id))
    notices: list[Outbound] = []
    for row in rows:
        if not sellers_left:
            handoffs_db.close(session, shop_id, row.id, now)
            notices.append(to(row.channel, row.address, Reply(t.SELLER_LEFT_CLOSED)))
            continue
        handoffs_db.give_back(session, row, now)
        position = handoffs_db.position(session, shop_id, row.id)
        notices.append(to(row.channel, row.address, Reply(t.SELLER_LEFT.format(position=position))))
        waiting = sum(1 for h in handoffs_db.fetch_queue(session, shop_id) if h.status == "waiting")
        name = customer_name(session, row)
        told = "\n".join([t.BACK_IN_QUEUE.format(name=name), t.QUEUE_HINT.format(count=waiting, n=position)])
        notices += to_sellers(session, shop_id, Reply(told, [Button(t.BTN_TAKE.format(name=name), TAKE.pack(row.id))]))
    return notices


def closing_notices(session: Session, row: Handoff) -> list[Outbound]:
    """The timeout sweep's words: the customer told, the seller who had them told."""
    notices = [to(row.channel, row.address, Reply(t.TIMED_OUT))]
    notices += [to(s.channel, s.external_id, Reply(t.SELLER_TIMED_OUT.format(name=customer_name(session, row))))
                for s in sellers_db.fetch_sellers(session, row.shop_id) if s.id == row.seller_id]
    return notices


APPLIERS = {OpenHandoff: open_, RelayToSeller: relay_to_seller, LeaveHandoff: leave, TakeHandoff: take,
            RelayToCustomer: relay_to_customer, CloseHandoff: close}
