"""Promotions as pure arithmetic in whole Rupiah: what a cart saves, line by line.

The rules, each tested in tests/unit/test_promotions.py:

- Rounding: a percent discount is rounded DOWN to the whole Rupiah (floor), per cart line for
  product/category promos and once on the remaining subtotal for cart promos, so nobody ever
  gets more than the stated percent. `max_discount` caps one promo's total saving.
- Fixed amounts: on products/categories it is Rp N off each unit (never below a unit's price);
  on the whole cart it is Rp N off once (never more than what is left to pay).
- Bundles ("2 keripik pedas + 1 sambal roa Rp45.000"): applied as many whole times as the
  cart holds, each saving the units' regular price minus the bundle price. Units used in a
  bundle get no other product/category discount.
- Stacking: levels apply in order bundle -> product/category -> cart. Within a level one promo
  per unit (per line the one saving the customer most; per cart the single best cart promo).
  Across levels promos stack, except an exclusive promo (stackable=False): the customer gets
  the better of that promo alone and all stackable promos together (ties go to the stack).
- Eligibility: live from `starts_at` (inclusive) to `ends_at` (exclusive); minimum subtotal is
  checked on the cart subtotal before any discount; a promo with a code applies only when the
  customer gave that code. Usage limits are the caller's business (marketing.pricing),
  which offers only promos the customer may still use and claims them atomically.
- A reward (scope "reward": a loyalty reward, marketing.loyalty) is Rp N off once, after every
  other promo and never competing with them: earned by the customer, not offered by the shop.
- The delivery fee is never discounted and the total discount never exceeds the subtotal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

PERCENT, FIXED, BUNDLE = "percent", "fixed", "bundle"
CART, PRODUCT, CATEGORY, REWARD = "cart", "product", "category", "reward"


@dataclass(frozen=True)
class BundleItem:
    sku: str
    qty: int


@dataclass(frozen=True)
class Promotion:
    """A promo rule; id 0 is one a seller is still writing (not saved yet)."""

    id: int
    name: str
    kind: str  # percent | fixed | bundle
    value: int  # percent (1-100), Rupiah off, or the bundle price
    scope: str = CART  # cart | product | category (bundles: their items)
    targets: tuple[str, ...] = ()  # skus (product) or category names (category)
    bundle: tuple[BundleItem, ...] = ()
    code: str | None = None  # None: applied automatically
    min_subtotal: int = 0
    max_discount: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    stackable: bool = True
    max_uses: int | None = None
    max_uses_per_customer: int | None = None
    uses: int = 0
    active: bool = True

    def problems(self) -> list[str]:
        """Machine-readable reasons this promo cannot be saved (texts word them)."""
        out = []
        if self.kind not in (PERCENT, FIXED, BUNDLE):
            out.append("kind")
        if self.kind == PERCENT and not 1 <= self.value <= 100:
            out.append("percent")
        if self.kind in (FIXED, BUNDLE) and self.value <= 0:
            out.append("amount")
        if self.kind == BUNDLE and (not self.bundle or any(i.qty <= 0 for i in self.bundle)):
            out.append("bundle")
        if self.kind != BUNDLE and self.scope != CART and not self.targets:
            out.append("targets")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            out.append("period")
        if any(v is not None and v <= 0 for v in (self.max_uses, self.max_uses_per_customer)):
            out.append("limits")
        if self.code is not None and not (3 <= len(self.code) <= 32 and self.code.replace("-", "").replace("_", "").isalnum()):
            out.append("code")
        return out

    def live(self, now: datetime) -> bool:
        return (self.active and (self.starts_at is None or self.starts_at <= now)
                and (self.ends_at is None or now < self.ends_at))

    def usable(self, used_by_customer: int) -> bool:
        """Whether the limits leave room for one more use by this customer."""
        return ((self.max_uses is None or self.uses < self.max_uses)
                and (self.max_uses_per_customer is None or used_by_customer < self.max_uses_per_customer))

    @property
    def level(self) -> str:
        if self.scope == REWARD:
            return "reward"
        return "bundle" if self.kind == BUNDLE else "cart" if self.scope == CART else "item"

    def matches(self, line: Line) -> bool:
        if self.scope == PRODUCT:
            return line.sku in self.targets
        if self.scope == CATEGORY:
            return line.category.casefold() in {t.casefold() for t in self.targets}
        return True


@dataclass(frozen=True)
class Line:
    sku: str
    name: str
    category: str
    unit_price: int
    qty: int

    @property
    def total(self) -> int:
        return self.unit_price * self.qty


@dataclass(frozen=True)
class Discount:
    promo_id: int
    name: str
    code: str | None
    amount: int
    times: int = 1  # bundles: how many bundles the cart made


@dataclass(frozen=True)
class Priced:
    subtotal: int
    discounts: tuple[Discount, ...] = ()
    # Codes the customer gave that save nothing, with why: "min_subtotal", "no_items" or "outdone"
    # (a better promo took the same units, or an exclusive one won).
    unmet: tuple[tuple[Promotion, str], ...] = ()

    @property
    def discount(self) -> int:
        return sum(d.amount for d in self.discounts)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.discounts if d.code)


def percent_of(amount: int, percent: int) -> int:
    """Whole Rupiah, rounded down: 10% of Rp9.999 is Rp999."""
    return amount * percent // 100


def normal_code(code: str) -> str:
    return code.strip().upper()


def price(lines: Sequence[Line], promos: Iterable[Promotion], now: datetime,
          codes: Iterable[str] = ()) -> Priced:
    """The discounts a cart gets from the promos on offer, by the rules above."""
    lines = [ln for ln in lines if ln.qty > 0]
    subtotal = sum(ln.total for ln in lines)
    given = {normal_code(c) for c in codes}
    eligible, unmet = [], []
    for p in promos:
        if not p.live(now) or (p.code is not None and normal_code(p.code) not in given):
            continue
        if subtotal < p.min_subtotal:
            if p.code:
                unmet.append((p, "min_subtotal"))
            continue
        eligible.append(p)
    best = _apply(lines, [p for p in eligible if p.stackable])
    for p in eligible:
        if not p.stackable:
            alone = _apply(lines, [p])
            if _total(alone) > _total(best):
                best = alone
    best += [Discount(p.id, p.name, p.code, p.value) for p in eligible if p.level == "reward"]  # after all, capped below
    used = {d.promo_id for d in best}
    unmet += [(p, "outdone" if _fits(p, lines) else "no_items") for p in eligible if p.code and p.id not in used]
    return Priced(subtotal, tuple(_cap(best, subtotal)), tuple(unmet))


def _apply(lines: Sequence[Line], promos: Sequence[Promotion]) -> list[Discount]:
    free = {ln.sku: ln.qty for ln in lines}  # units no bundle has taken yet
    by_sku = {ln.sku: ln for ln in lines}
    out: list[Discount] = []
    for p in sorted((p for p in promos if p.level == "bundle"), key=lambda p: -bundle_saving(p, by_sku)):
        saving = bundle_saving(p, by_sku)
        times = min((free.get(i.sku, 0) // i.qty for i in p.bundle), default=0) if p.bundle else 0
        if saving > 0 and times > 0:
            for i in p.bundle:
                free[i.sku] -= i.qty * times
            out.append(Discount(p.id, p.name, p.code, saving * times, times))
    per_promo: dict[int, int] = {}
    items = [p for p in promos if p.level == "item"]
    for ln in lines:
        units = free.get(ln.sku, 0)
        offers = [(item_saving(p, ln.unit_price, units), p) for p in items if units and p.matches(ln)]
        offers = [(amount, p) for amount, p in offers if amount > 0]
        if offers:
            amount, p = max(offers, key=lambda o: (o[0], -o[1].id))
            per_promo[p.id] = per_promo.get(p.id, 0) + amount
    for p in items:
        if p.id in per_promo:
            out.append(Discount(p.id, p.name, p.code, _capped(p, per_promo[p.id])))
    left = sum(ln.total for ln in lines) - sum(d.amount for d in out)
    carts = [(cart_saving(p, left), p) for p in promos if p.level == "cart"]
    carts = [(amount, p) for amount, p in carts if amount > 0]
    if carts:
        amount, p = max(carts, key=lambda o: (o[0], -o[1].id))
        out.append(Discount(p.id, p.name, p.code, amount))
    return out


def _total(discounts: list[Discount]) -> int:
    return sum(d.amount for d in discounts)


def _fits(p: Promotion, lines: Sequence[Line]) -> bool:
    """Whether the cart holds what the promo is about (its bundle, or a matching product)."""
    if p.level == "bundle":
        qty = {ln.sku: ln.qty for ln in lines}
        return bool(p.bundle) and all(qty.get(i.sku, 0) >= i.qty for i in p.bundle)
    return any(p.matches(ln) for ln in lines)


def bundle_saving(p: Promotion, by_sku: dict[str, Line]) -> int:
    """What one bundle saves against the regular prices (0 when the cart lacks an item's price)."""
    if not p.bundle or any(i.sku not in by_sku for i in p.bundle):
        return 0
    return max(sum(by_sku[i.sku].unit_price * i.qty for i in p.bundle) - p.value, 0)


def item_saving(p: Promotion, unit_price: int, units: int) -> int:
    if p.kind == PERCENT:
        return percent_of(unit_price * units, p.value)
    return min(p.value, unit_price) * units


def cart_saving(p: Promotion, left: int) -> int:
    amount = percent_of(left, p.value) if p.kind == PERCENT else min(p.value, left)
    return max(min(_capped(p, amount), left), 0)


def _capped(p: Promotion, amount: int) -> int:
    return min(amount, p.max_discount) if p.max_discount is not None else amount


def _cap(discounts: list[Discount], subtotal: int) -> list[Discount]:
    out, room = [], subtotal
    for d in discounts:
        amount = min(d.amount, room)
        room -= amount
        if amount > 0:
            out.append(Discount(d.promo_id, d.name, d.code, amount, d.times))
    return out
