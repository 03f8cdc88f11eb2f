"""The one path every message takes: Inbound -> one transaction -> outbox rows.

Inside the transaction: record the channel message id (a redelivery stops there), resolve
who is talking, load their conversation, route, apply effects, save the state, write the
replies to the outbox. Delivery happens after commit (bot.delivery), never inside.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from adapters.catalog import DbCatalog, DbExamples, IndexCache
from adapters.desk import DbFaqs, DbInvites, seller_context
from adapters.handoffs import DbHandoffs
from adapters.marketing import DbMarketing
from adapters.orders import DbOrders
from adapters.reviews import DbReviews
from bot.identity import resolve_customer
from bot.messages import Inbound, Outbound
from conversations.base import Ctx, Step
from conversations.customer.browsing import Browse
from effects import outbox, registry
from effects.env import Env, Who
from handlers import choices, customer, seller
from orders.making import local_day
from media.store import INCOMING_PREFIX, MediaStore
from shops import loader as shop_loader
from shops.loader import ShopRecord
from storage import conversations as conversations_db
from storage import identities as identities_db
from storage import inbound as inbound_db
from storage import outbox as outbox_db
from storage import shops as shops_db
from storage.db import Transactions
from storage.models import Shop, utcnow
from texts.id.shop_setup import NO_SHOP

log = logging.getLogger(__name__)
# Channels whose replies travel back in the HTTP response itself.
IN_BAND = {"simulator"}


@dataclass
class Handled:
    duplicate: bool
    replies: list[Outbound] = field(default_factory=list)
    outbox_ids: list[int] = field(default_factory=list)
    unknown_shop: bool = False  # no open shop receives on this account (nothing was written)


class UnknownShop(Exception):
    pass


class Engine:
    def __init__(self, sessions: sessionmaker[Session], *, window_minutes: float,
                 clock: Callable[[], datetime] = utcnow, indexes: IndexCache | None = None,
                 media: MediaStore | None = None):
        self.sessions = sessions
        self.window_minutes = window_minutes
        self.clock = clock
        self.indexes = indexes or IndexCache()
        self.shops = ShopDirectory()
        self.transactions = Transactions(sessions)
        self.media = media

    def close(self) -> None:
        self.transactions.close()

    def handle(self, inbound: Inbound, *, wait: bool = True) -> Handled:
        """wait=False: raise storage.db.WriterBusy rather than wait for SQLite's write lock."""
        for attempt in range(4):
            try:
                return self._handle_once(inbound, wait)
            except conversations_db.StaleConversation:
                continue  # another worker saved this person's conversation first: redo the whole step
            except IntegrityError:
                # The shop trusted from the cache may have been deleted a moment ago (`kedai shop
                # delete` in another process): read the shops afresh and redo the message, once.
                if attempt:
                    raise
                self.shops.clear()
            except UnknownShop as exc:  # nothing to write it to: said in band, logged, dropped
                log.warning("a %s message for %s, which no open shop here receives: dropped", inbound.channel, exc)
                return Handled(duplicate=False, replies=[Outbound(inbound.channel, inbound.sender, NO_SHOP)],
                               unknown_shop=True)
        raise RuntimeError(f"conversation kept changing under {inbound.channel}:{inbound.sender}")

    def _handle_once(self, inbound: Inbound, wait: bool) -> Handled:
        now = self.clock()
        with self.transactions.begin(wait=wait) as tx:
            session = tx.session
            shop = self.shops.resolve(session, inbound)
            inbound_id = inbound_db.record_inbound(session, shop.id, inbound.channel, inbound.message_id, inbound.sender, now)
            if inbound_id is None:  # nothing was written; leaving the block rolls the reads back
                return Handled(duplicate=True, replies=self._earlier_replies(session, shop.id, inbound))
            resolved = resolve_customer(session, shop.id, inbound, now)
            party, view = resolved.party, resolved.view
            inbound = self._adopt(inbound, shop.id, party)
            ctx = Ctx(shop=shop.profile, catalog=DbCatalog(session, shop.id, self.indexes, local_day(now, shop.tz)), customer=view,
                      orders=DbOrders(session, shop.id), now=now, tz=shop.tz, promos=DbMarketing(session, shop.id, now),
                      invites=DbInvites(session, shop.id, now), examples=DbExamples(session, shop.id, self.indexes),
                      faqs=DbFaqs(session, shop.id), handoffs=DbHandoffs(session, shop.id),
                      reviews=DbReviews(session, shop.id, now))
            route = self._route(session, shop, inbound, ctx, party)
            step, notices = route.step, []
            if step.effects:  # most messages only read: no appliers, no notices
                env = Env(session, route.ctx, Who(shop.id, view.id, inbound.channel, inbound.sender, self.window_minutes),
                          media=self.media)
                step, notices = registry.run(env, step), env.notices
                if env.shop_changed:
                    self.shops.forget(shop.id)
            data = {k: v for k, v in step.data.items() if k != "_offered"}
            if offered := choices.remember(step.replies):
                data["_offered"] = offered
            conversations_db.save_conversation(session, shop.id, route.party, route.loaded, step.state, data, now)
            outs = replies_to_sender(inbound, step)
            if inbound.channel in IN_BAND:  # in the response already: kept only to answer a redelivery
                inbound_db.set_inbound_replies(session, inbound_id, [out.payload() for out in outs])
            to_deliver = notices if inbound.channel in IN_BAND else outs + notices
            ids = outbox.write(session, shop.id, to_deliver, now, inbound_id=inbound_id)
            if resolved.reopened:  # what was held for them (e.g. outside WhatsApp's 24 hours) goes first
                ids = outbox_db.release_held(session, shop.id, inbound.channel, inbound.sender, now) + ids
            tx.commit()
        return Handled(duplicate=False, replies=outs, outbox_ids=ids)

    def _adopt(self, inbound: Inbound, shop_id: int, party: identities_db.Party | None) -> Inbound:
        """Files fetched by the channel become the shop's: a seller's pictures public (products,
        the QRIS picture, a broadcast's), a customer's private (proofs carry bank details)."""
        if self.media is None or not inbound.media:
            return inbound
        public = party is not None and party.seller_id is not None
        kept = []
        for m in inbound.media:
            adopted = self.media.adopt(m.ref, shop_id, public=public) if not m.rejected else None
            if adopted is not None:
                kept.append(replace(m, ref=adopted.ref, content_type=adopted.content_type))
            else:  # an incoming file this store does not hold is no picture to show anyone
                kept.append(replace(m, rejected="unavailable") if m.ref.startswith(INCOMING_PREFIX) else m)
        return replace(inbound, media=tuple(kept))

    def _route(self, session: Session, shop: ShopRecord, inbound: Inbound, ctx: Ctx, known: identities_db.Party | None) -> Routed:
        """Seller commands for sellers first; everything else is the customer's conversation."""
        # An edited command is not run again (it could apply a stock change twice): like any
        # edit, it gets the customer flows' note asking for a new message.
        if known is not None and known.seller_id is not None and not inbound.edited:
            party = f"seller:{known.seller_id}"
            loaded = conversations_db.load_conversation(session, shop.id, party)
            state, data = (loaded.state, dict(loaded.data)) if loaded else ("", {})
            seller_ctx = seller_context(session, shop.id, ctx, known.seller_id, self.indexes)
            step = seller.route(state, data, choices.interpret(inbound.turn(), data.get("_offered")), seller_ctx)
            if step is not None:
                return Routed(party, loaded, step, seller_ctx)
            if loaded is not None:  # shopping now: a later "ya" or "1" must not answer an old seller question
                conversations_db.save_conversation(session, shop.id, party, loaded, "", seller.forget(loaded.data), ctx.now)
        party = f"customer:{ctx.customer.id}"
        loaded = known.conversation if known is not None else None
        if known is None or known.seller_id is None:  # an invite code is the one seller thing a non-seller may send
            state, data = (loaded.state or Browse.HOME, dict(loaded.data)) if loaded else (Browse.HOME, {})
            joined = seller.join(state, data, inbound.text, inbound.profile_name, ctx)
            if joined is not None:
                return Routed(party, loaded, joined, ctx)
        if loaded is None:
            return Routed(party, None, customer.first_contact({}, inbound.turn(), ctx), ctx)
        data = dict(loaded.data)
        turn = choices.interpret(inbound.turn(), data.get("_offered"))
        return Routed(party, loaded, customer.route(loaded.state or Browse.HOME, data, turn, ctx), ctx)

    def _earlier_replies(self, session: Session, shop_id: int, inbound: Inbound) -> list[Outbound]:
        """What the first delivery of this message answered, so a retried request sees the same."""
        recorded = inbound_db.fetch_inbound(session, shop_id, inbound.channel, inbound.message_id)
        if recorded is None:
            return []
        if recorded.replies is not None:
            return [Outbound.from_row(inbound.channel, inbound.sender, p) for p in recorded.replies]
        return [Outbound.from_row(r.channel, r.recipient, r.payload) for r in outbox_db.fetch_outbox_for_inbound(session, recorded.id)
                if r.recipient == inbound.sender and r.channel == inbound.channel]


@dataclass
class Routed:
    party: str
    loaded: conversations_db.Loaded | None
    step: Step
    ctx: Ctx  # what the step was made with (a SellerCtx for seller commands); its continuations get it too


def replies_to_sender(inbound: Inbound, step: Step) -> list[Outbound]:
    # Only a lone reply replaces the pressed message: with several, the order would read wrong.
    pressed = inbound.pressed if len(step.replies) == 1 else None
    # A typed number is read against the last reply with buttons (handlers.choices.remember), so
    # only that one is numbered on WhatsApp; an earlier one ("1. Katalog" under the transfer
    # details, before "1. Mau" of the promo question) shows its labels to type instead.
    last = max((i for i, r in enumerate(step.replies) if r.buttons), default=-1)
    replies = [replace(r, numbered=False) if r.buttons and i < last else r for i, r in enumerate(step.replies)]
    return [Outbound.reply(inbound.channel, inbound.sender, r, pressed) for r in replies]


class ShopDirectory:
    """Which shop a message is for: the shop its receiving account (a bot, a number) is linked to;
    the simulator's account is a shop's slug. An account linked to no shop reaches the default
    shop (the oldest open one) only when it is one of the install's own (TELEGRAM_BOT_TOKEN's
    bot, TWILIO_WHATSAPP_NUMBER: `default_accounts`) or unnamed; any other is UnknownShop, so
    a bot whose shop was closed never lands in another shop.

    Profiles change rarely (`kedai shop load`); re-reading them for every message would cost
    a query each time, so a record is trusted for a couple of seconds.
    """

    TTL_SECONDS = 2.0

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str | None], tuple[float, ShopRecord]] = {}
        self.default_accounts: set[tuple[str, str]] = set()

    def resolve(self, session: Session, inbound: Inbound) -> ShopRecord:
        key = (inbound.channel, inbound.account)
        cached = self._cache.get(key)
        if cached and time.monotonic() - cached[0] < self.TTL_SECONDS:
            return cached[1]
        shop = self._find(session, inbound.channel, inbound.account)
        if shop is None:
            raise UnknownShop(inbound.account or "-")
        record = shop_loader.of(shop)
        self._cache[key] = (time.monotonic(), record)
        return record

    def clear(self) -> None:
        self._cache = {}

    def forget(self, shop_id: int) -> None:
        """The shop's profile changed (an owner's change by chat): read it afresh next time."""
        self._cache = {k: v for k, v in self._cache.items() if v[1].id != shop_id}

    def _find(self, session: Session, channel: str, account: str | None) -> Shop | None:
        if account and channel in IN_BAND:
            return shops_db.fetch_open_shop_for_slug(session, account)
        shop_id = shops_db.fetch_shop_for_account(session, channel, account) if account else None
        if shop_id is not None:
            return session.get(Shop, shop_id)
        if account is None or (channel, account) in self.default_accounts:
            return shops_db.fetch_first_shop(session)
        return None
