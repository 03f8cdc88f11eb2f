"""Changes sellers make by chat, as effects that apply themselves inside the message's
transaction (handlers.effects calls `apply`). Each one is a conditional write naming the
value it expects to replace, leaves an audit row (who, when, before, after), and remembers
how to take itself back for "batalkan"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from language.money import local_time
from catalog.sku import new_sku, sku_base
from conversations.base import Ctx, Reply, Step
from conversations.seller import invites
from effects.registry import Applied, Notice, Who
from effects.stock_alerts import stock_alerts
from conversations.seller.common import IDLE, WHAT, clean, short_name, show_value
from storage import catalog_queries as cq
from storage import message_queries as mq
from storage import seller_queries as sq
from texts.id import customer as customer_texts
from texts.id import seller as t

# Fields whose change alters what the search index holds.
INDEXED = {"visible"}


def _failed(applied: Applied, text: str) -> Applied:
    """The change did not happen: say why, forget any half-made undo."""
    return Applied(Step(IDLE, clean(applied.step.data), [Reply(text)]), applied.notices)


def _done(applied: Applied, undo: dict[str, Any] | None, extra: list[Reply] | None = None,
          notices: list[Notice] | None = None) -> Applied:
    step = applied.step
    data = clean(step.data)
    if undo is not None:
        data["undo"] = undo
    step = Step(step.state, data, step.replies + (extra or []), step.effects)
    return Applied(step, applied.notices + (notices or []))


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

    def apply(self, session: Session, ctx: Ctx, who: Who, applied: Applied) -> Applied:
        if not sq.change_product(session, who.shop_id, self.product_id, self.field, self.before, self.after):
            rows = sq.fetch_seller_products(session, who.shop_id, [self.product_id])
            if not rows:
                return _failed(applied, t.PRODUCT_GONE.format(name=self.name))
            value = getattr(rows[0], self.field)
            now = show_value(self.field, bool(value) if self.field == "visible" else value)
            return _failed(applied, t.CHANGED_MEANWHILE.format(what=WHAT[self.field], name=self.name, now=now))
        if self.field in INDEXED:
            cq.bump_catalog_version(session, who.shop_id)
        sq.add_change(session, who.shop_id, self.seller_id, self.actor, ("undo_" if self.undo else "") + self.field,
                      self.name, {self.field: self.before}, {self.field: self.after}, ctx.now, self.product_id)
        notices: list[Notice] = []
        if self.field == "stock" and self.after < self.before:
            alerts = stock_alerts(session, who.shop_id, {self.product_id: self.before - self.after}, self.seller_id)
            notices = [Notice(*a) for a in alerts]
        undo = None if self.undo else {"kind": "product", "product_id": self.product_id, "name": self.name,
                                       "field": self.field, "before": self.before, "after": self.after,
                                       "at": ctx.now.isoformat()}
        return _done(applied, undo, notices=notices)


@dataclass(frozen=True)
class CreateProduct:
    seller_id: int
    actor: str
    name: str
    price: int
    stock: int
    category: str

    def apply(self, session: Session, ctx: Ctx, who: Who, applied: Applied) -> Applied:
        category_id = cq.ensure_categories(session, who.shop_id, [self.category])[self.category]
        base = sku_base(self.name)
        sku = new_sku(base, sq.fetch_skus(session, who.shop_id, base))
        product_id = sq.add_product(session, who.shop_id, sku, self.name, category_id, self.price, self.stock, ctx.now)
        cq.bump_catalog_version(session, who.shop_id)
        sq.add_change(session, who.shop_id, self.seller_id, self.actor, "new_product", self.name, None,
                      {"sku": sku, "name": self.name, "price": self.price, "stock": self.stock,
                       "category": self.category}, ctx.now, product_id)
        return _done(applied, {"kind": "created", "product_id": product_id, "name": self.name,
                               "at": ctx.now.isoformat()})


@dataclass(frozen=True)
class RemoveNewProduct:
    """Takes back a product created by the previous message."""

    seller_id: int
    actor: str
    product_id: int
    name: str

    def apply(self, session: Session, ctx: Ctx, who: Who, applied: Applied) -> Applied:
        if not sq.delete_unsold_product(session, who.shop_id, self.product_id):
            return _failed(applied, t.UNDO_NEW_SOLD.format(name=self.name, short=short_name(self.name)))
        cq.bump_catalog_version(session, who.shop_id)
        sq.add_change(session, who.shop_id, self.seller_id, self.actor, "undo_new_product", self.name,
                      {"product_id": self.product_id}, None, ctx.now, self.product_id)
        return _done(applied, None)


@dataclass(frozen=True)
class InviteStaff:
    """Creates a one-time staff invite code; only its hash is stored, the owner sees it once."""

    seller_id: int
    actor: str

    def apply(self, session: Session, ctx: Ctx, who: Who, applied: Applied) -> Applied:
        code = invites.new_code()
        expires = ctx.now + invites.VALID_FOR
        sq.add_invite(session, who.shop_id, invites.code_hash(code), self.seller_id, expires, ctx.now)
        sq.add_change(session, who.shop_id, self.seller_id, self.actor, "invite_staff", "staff invite", None,
                      {"expires_at": expires.isoformat()}, ctx.now)
        text = t.INVITE_CREATED.format(code=invites.shown(code), expires=local_time(expires, ctx.tz))
        return _done(applied, None, [Reply(text)])


@dataclass(frozen=True)
class RemoveStaff:
    seller_id: int
    actor: str
    target_id: int
    target: str  # the removed person's label, for the audit trail

    def apply(self, session: Session, ctx: Ctx, who: Who, applied: Applied) -> Applied:
        if not sq.remove_staff(session, who.shop_id, self.target_id):
            return _failed(applied, t.STAFF_NOT_FOUND.format(query=self.target))
        sq.add_change(session, who.shop_id, self.seller_id, self.actor, "remove_staff", self.target,
                      {"seller_id": self.target_id, "seller": self.target}, None, ctx.now)
        return _done(applied, None)


@dataclass(frozen=True)
class RedeemInvite:
    """A non-seller sent a valid invite code: they become staff, once."""

    invite_id: int
    invited_by: int
    name: str | None

    def apply(self, session: Session, ctx: Ctx, who: Who, applied: Applied) -> Applied:
        step = applied.step
        if not sq.claim_invite(session, self.invite_id, ctx.now):
            # Someone used it a moment earlier: answer as to any customer text.
            return Applied(Step(step.state, step.data, [Reply(customer_texts.NOT_UNDERSTOOD)]), applied.notices)
        name = self.name or who.sender
        staff_id = sq.add_staff(session, who.shop_id, who.channel, who.sender, self.name, ctx.now)
        sq.set_invite_user(session, self.invite_id, staff_id)
        sq.add_change(session, who.shop_id, staff_id, f"{name} (staff, {who.channel}:{who.sender})", "join_staff",
                      name, None, {"seller_id": staff_id, "invited_by": self.invited_by}, ctx.now)
        notices = [Notice(s.channel, s.external_id, Reply(t.JOINED_NOTICE.format(name=name)))
                   for s in mq.fetch_sellers(session, who.shop_id) if s.id == self.invited_by]
        reply = Reply(t.JOINED.format(name=name, shop=ctx.shop.name))
        return Applied(Step(step.state, step.data, [reply]), applied.notices + notices)
