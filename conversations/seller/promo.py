"""A seller creates a promotion by chat: kind -> amount (or the bundle) -> what it covers ->
code or automatic -> conditions -> confirm. The draft lives in `data["promo_draft"]`;
confirming asks the world to CreatePromotion, and `on_saved` says whether it was saved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from language.money import rupiah
from language.numbers import parse_rupiah
from marketing.parsing import parse_bundle, parse_conditions, parse_percent
from marketing.promotions import BUNDLE, CART, CATEGORY, FIXED, PERCENT, PRODUCT, BundleItem, Promotion, normal_code
from conversations.base import Button, Ctx, Reply, Step, Turn, done, say
from conversations.examples import fill
from conversations.choice import Choice
from marketing.wording import conditions, describe, problems
from language.words import SAVE_PROMO
from texts.id import promo as t

KIND = Choice("spk", str)  # percent | fixed | bundle
SCOPE = Choice("sps", str)  # cart | category | product
PICK_CATEGORY = Choice("spc", str)  # a category's id
AUTOMATIC, NO_CONDITIONS, SAVE = Choice("sp:auto"), Choice("sp:nocond"), Choice("sp:save")
CODE = re.compile(r"^[A-Za-z0-9_-]{3,32}$")


@dataclass(frozen=True)
class CreatePromotion:
    spec: Promotion  # id 0: not saved yet


@dataclass(frozen=True)
class PromoSaved:
    promo: Promotion


@dataclass(frozen=True)
class PromoRefused:
    problems: list[str]  # marketing.promo_admin.PromoInvalid's codes


class SellerPromo(StrEnum):
    KIND = "seller_promo:kind"
    VALUE = "seller_promo:value"
    BUNDLE = "seller_promo:bundle"
    SCOPE = "seller_promo:scope"
    CATEGORY = "seller_promo:category"
    PRODUCTS = "seller_promo:products"
    CODE = "seller_promo:code"
    CONDITIONS = "seller_promo:conditions"
    CONFIRM = "seller_promo:confirm"


def draft(data: dict[str, Any]) -> dict[str, Any]:
    return dict(data.get("promo_draft") or {})


def with_draft(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**data, "promo_draft": {**draft(data), **changes}}


def cancel_buttons() -> list[Button]:
    return [Button(t.BTN_CANCEL, "batal")]


def start(data: dict[str, Any], ctx: Ctx) -> Step:
    """asks which kind of promo."""
    buttons = [Button(t.BTN_KIND_PERCENT, KIND.pack(PERCENT)), Button(t.BTN_KIND_FIXED, KIND.pack(FIXED)),
               Button(t.BTN_KIND_BUNDLE, KIND.pack(BUNDLE))] + cancel_buttons()
    return say(SellerPromo.KIND, {**data, "promo_draft": {}}, Reply(t.ASK_KIND, buttons))


def on_kind(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes the kind and asks the amount (or the bundle)."""
    words = turn.text.lower()
    kind = (KIND.one(turn.choice) or
            (BUNDLE if "paket" in words or "bundle" in words else PERCENT if "%" in words or "persen" in words
             else FIXED if "potong" in words or "rupiah" in words else ""))
    if kind == BUNDLE:
        return say(SellerPromo.BUNDLE, with_draft(data, kind=kind), Reply(fill(t.ASK_BUNDLE, ctx.examples), cancel_buttons(), numbered=False))
    if kind in (PERCENT, FIXED):
        ask = t.ASK_PERCENT if kind == PERCENT else t.ASK_FIXED
        return say(SellerPromo.VALUE, with_draft(data, kind=kind), Reply(ask, cancel_buttons(), numbered=False))
    return say(SellerPromo.KIND, data, Reply(t.KIND_INVALID, start(data, ctx).replies[0].buttons))


def on_value(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes the percent or Rupiah amount and asks what it covers."""
    percent = draft(data).get("kind") == PERCENT
    value = parse_percent(turn.text) if percent else parse_rupiah(turn.text)
    if value is None or value <= 0 or (percent and value > 100):
        return say(SellerPromo.VALUE, data, Reply(t.PERCENT_INVALID if percent else t.AMOUNT_INVALID, cancel_buttons(), numbered=False))
    name = t.NAME_PERCENT.format(percent=value) if percent else t.NAME_FIXED.format(amount=rupiah(value))
    return say(SellerPromo.SCOPE, with_draft(data, value=value, name=name), Reply(t.ASK_SCOPE, scope_buttons()))


def on_bundle(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """reads "2 keripik pedas + 1 sambal roa = 45rb" against the catalog, then asks for a code."""
    parsed = parse_bundle(turn.text)
    if parsed is None:
        return say(SellerPromo.BUNDLE, data, Reply(fill(t.BUNDLE_INVALID, ctx.examples), cancel_buttons(), numbered=False))
    items, price = parsed
    found = [(qty, name, _product(ctx, name)) for qty, name in items]
    unknown = [name for _, name, p in found if p is None]
    if unknown:
        return say(SellerPromo.BUNDLE, data, Reply(t.BUNDLE_UNKNOWN.format(names=", ".join(unknown)), cancel_buttons(), numbered=False))
    regular = sum(p.price * qty for qty, _, p in found if p)
    if price >= regular:
        text = t.BUNDLE_NOT_CHEAPER.format(price=rupiah(price), regular=rupiah(regular))
        return say(SellerPromo.BUNDLE, data, Reply(text, cancel_buttons(), numbered=False))
    bundle = [[p.sku, qty] for qty, _, p in found if p]
    return ask_code(with_draft(data, value=price, bundle=bundle, scope=PRODUCT, name=t.NAME_BUNDLE), ctx)


def _product(ctx: Ctx, name: str):  # type: ignore[no-untyped-def]
    best, candidates = ctx.catalog.resolve(name)
    return best or (candidates[0] if len(candidates) == 1 else None)


def _products(ctx: Ctx, name: str) -> list[Any]:
    """The rows a name means for a promo: the option named ("kemeja parang xl"), else every
    option of the one product named ("kemeja parang": all its sizes), else none."""
    found = ctx.catalog.find(name)
    hits = [found.best] if found.best is not None else found.candidates
    if len(hits) != 1:
        return []
    return [hits[0].option] if hits[0].option is not None else list(hits[0].family.options)


def on_scope(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """cart-wide goes on to the code; a category or products are asked for next."""
    scope = SCOPE.one(turn.choice) or ""
    if scope == CART:
        return ask_code(with_draft(data, scope=CART, targets=[]), ctx)
    if scope == CATEGORY:
        buttons = [Button(c.name, PICK_CATEGORY.pack(c.id)) for c in ctx.catalog.categories()] + cancel_buttons()
        return say(SellerPromo.CATEGORY, with_draft(data, scope=CATEGORY), Reply(t.ASK_CATEGORY, buttons))
    if scope == PRODUCT:
        return say(SellerPromo.PRODUCTS, with_draft(data, scope=PRODUCT), Reply(fill(t.ASK_PRODUCTS, ctx.examples), cancel_buttons(), numbered=False))
    return say(SellerPromo.SCOPE, data, Reply(t.SCOPE_INVALID, scope_buttons()))


def scope_buttons() -> list[Button]:
    return [Button(t.BTN_SCOPE_CART, SCOPE.pack(CART)), Button(t.BTN_SCOPE_CATEGORY, SCOPE.pack(CATEGORY)),
            Button(t.BTN_SCOPE_PRODUCT, SCOPE.pack(PRODUCT))] + cancel_buttons()


def on_category(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes the category and asks for a code."""
    cats = ctx.catalog.categories()
    chosen = PICK_CATEGORY.one(turn.choice) or ""
    cat = next((c for c in cats if str(c.id) == chosen or c.name.lower() == turn.text.strip().lower()), None)
    if cat is None:
        buttons = [Button(c.name, PICK_CATEGORY.pack(c.id)) for c in cats] + cancel_buttons()
        return say(SellerPromo.CATEGORY, data, Reply(t.CATEGORY_INVALID, buttons))
    return ask_code(with_draft(data, targets=[cat.name]), ctx)


def on_products(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """finds each named product in the catalog and asks for a code."""
    names = [n.strip() for n in re.split(r",|\bdan\b|\+", turn.text) if n.strip()]
    found = [(n, _products(ctx, n)) for n in names]
    unknown = [n for n, rows in found if not rows]
    if not names or unknown:
        text = t.PRODUCTS_UNKNOWN.format(names=", ".join(unknown)) if unknown else fill(t.ASK_PRODUCTS, ctx.examples)
        return say(SellerPromo.PRODUCTS, data, Reply(text, cancel_buttons(), numbered=False))
    skus = list(dict.fromkeys(p.sku for _, rows in found for p in rows))
    return ask_code(with_draft(data, targets=skus), ctx)


def ask_code(data: dict[str, Any], ctx: Ctx) -> Step:
    return say(SellerPromo.CODE, data, Reply(t.ASK_CODE, [Button(t.BTN_AUTOMATIC, AUTOMATIC.pack())] + cancel_buttons(), numbered=False))


def on_code(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """takes a code (or automatic) and asks for conditions."""
    if AUTOMATIC.matches(turn.choice) or turn.text.strip().lower() in {"otomatis", "auto", "tanpa kode"}:
        code = None
    else:
        typed = turn.text.strip()
        if not CODE.match(typed):
            return say(SellerPromo.CODE, data, Reply(t.CODE_INVALID, ask_code(data, ctx).replies[0].buttons, numbered=False))
        code = normal_code(typed)
        if ctx.promos.by_code(code) is not None:
            return say(SellerPromo.CODE, data, Reply(t.CODE_TAKEN.format(code=code), ask_code(data, ctx).replies[0].buttons, numbered=False))
    buttons = [Button(t.BTN_NO_CONDITIONS, NO_CONDITIONS.pack())] + cancel_buttons()
    name = code or draft(data).get("name")
    return say(SellerPromo.CONDITIONS, with_draft(data, code=code, name=name), Reply(t.ASK_CONDITIONS, buttons, numbered=False))


def on_conditions(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """reads the conditions line and shows the whole promo to confirm."""
    fields: dict[str, Any] = {}
    if not NO_CONDITIONS.matches(turn.choice) and turn.text.strip().lower() not in {"tanpa syarat", "tidak ada", "-", "tidak"}:
        fields, unknown = parse_conditions(turn.text, ctx.now, ctx.tz)
        if unknown or not fields:
            text = t.CONDITIONS_INVALID.format(parts=", ".join(unknown) or turn.text)
            return say(SellerPromo.CONDITIONS, data, Reply(text, [Button(t.BTN_NO_CONDITIONS, NO_CONDITIONS.pack())] + cancel_buttons(), numbered=False))
    stored = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in fields.items()}
    data = with_draft(data, conditions=stored)
    spec = to_spec(draft(data))
    text = t.CONFIRM_PROMO.format(name=spec.name, desc=describe(spec, ctx.catalog), conditions=" · ".join(conditions(spec, ctx.tz)))
    return say(SellerPromo.CONFIRM, data, Reply(text, [Button(t.BTN_SAVE, SAVE.pack())] + cancel_buttons()))


def on_confirm(data: dict[str, Any], ctx: Ctx, turn: Turn) -> Step:
    """asks the world to save the promo; on_saved says whether it worked."""
    if not SAVE.matches(turn.choice) and turn.text.strip().lower() not in SAVE_PROMO:
        return say(SellerPromo.CONFIRM, data, Reply(t.SCOPE_INVALID, [Button(t.BTN_SAVE, SAVE.pack())] + cancel_buttons()))
    spec = to_spec(draft(data))
    return Step("", {k: v for k, v in data.items() if k != "promo_draft"}, [], [CreatePromotion(spec)], then=on_saved)


def on_saved(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """the promo as saved, with its share link when it has a code, or why it was not saved."""
    outcome = outcomes[0]
    if isinstance(outcome, PromoRefused):
        return done(step, Reply(t.PROMO_NOT_SAVED.format(problems=problems(outcome.problems))))
    p = outcome.promo
    share = t.PROMO_SHARE.format(code=p.code) if p.code else ""
    return done(step, Reply(t.PROMO_SAVED.format(id=p.id, desc=describe(p, ctx.catalog), share=share)))


def to_spec(d: dict[str, Any]) -> Promotion:
    cond = {k: datetime.fromisoformat(v) if k in ("starts_at", "ends_at") else v for k, v in (d.get("conditions") or {}).items()}
    return Promotion(id=0, name=d.get("name") or "Promo", kind=d["kind"], value=int(d["value"]), scope=d.get("scope", CART),
                     targets=tuple(d.get("targets") or ()), bundle=tuple(BundleItem(s, int(q)) for s, q in d.get("bundle") or ()),
                     code=d.get("code"), **cond)


STEPS = {
    SellerPromo.KIND: on_kind,
    SellerPromo.VALUE: on_value,
    SellerPromo.BUNDLE: on_bundle,
    SellerPromo.SCOPE: on_scope,
    SellerPromo.CATEGORY: on_category,
    SellerPromo.PRODUCTS: on_products,
    SellerPromo.CODE: on_code,
    SellerPromo.CONDITIONS: on_conditions,
    SellerPromo.CONFIRM: on_confirm,
}
