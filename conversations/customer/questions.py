"""Questions answered from the shop's own data: opening hours (and whether it is open now, in the
shop's time zone), the address with a maps link, the contact number, payment methods, delivery
fees for an area or beyond the zones, the minimum order, pickup and delivery time; and product
questions (price, stock, options) answered without touching the cart, with buttons to add.

The words are read in language.questions; every answer here is made from `ctx.shop` and the
catalog, so a changed shop file changes the answers.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz

from catalog.families import Family, Hit
from conversations.base import Button, Ctx, Reply, Step, say
from conversations.customer import browsing
from conversations.customer.browsing import Browse
from language import places
from language.money import rupiah
from language.options import LEVEL_WORDS, OPTION_WORDS, measure, size
from language.questions import Ask, ProductQuestion, ShopQuestion, product_question, shop_questions
from language.text import FILLER_WORDS, misspelt, normalize
from shops.profile import ShopProfile
from texts.id import cod as cod_texts
from texts.id import questions as t

# Of the words that name a product, this share must be the product's own (a typo counts), else
# the shop does not sell it: "kue bawang" is not "Sambal Bawang".
NAME_SHARE = 0.6
TYPO_RATIO = 80


def shop_answer(state: str, data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """Answers the shop questions in `text`, staying where the customer was; None when it asks none."""
    asked = shop_questions(text)
    if not asked:
        return None
    parts = [ANSWERS[q.kind](ctx, q) for q in asked]
    buttons = browsing.main_menu() if state == Browse.HOME else []
    return say(state, data, Reply("\n\n".join(parts), buttons))


def product_answer(data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """Answers a question about a product: the product's page with a line saying whether it is
    there, or plainly that the shop does not sell it. None when the text asks no such question."""
    question = product_question(text)
    if question is None:
        return None
    if not question.words:
        if sku := data.get("sku") or data.get("family"):  # "berapa?" on a product's page: that product
            return browsing.product_detail(data, ctx, sku)
        return None
    if question.parts and (several := _several(data, ctx, question.parts)) is not None:
        return several
    found = ctx.catalog.find(question.words)
    hits = [h for h in ([found.best] if found.best is not None else found.candidates) if _names(h.family, question.words)]
    if not hits:
        if not _names_something(question.words):
            return None
        return say(Browse.HOME, data, Reply(t.NOT_SOLD.format(query=question.words),
                                            [Button(browsing.t.BTN_CATALOG, "catalog"), Button(browsing.t.BTN_MENU, "menu")]))
    if len(hits) > 1 and question.made_with:  # "nastarnya pake keju apa": the nastar that has keju
        found = ctx.catalog.find(f"{question.words} {question.made_with}")
        narrowed = [found.best] if found.best is not None else []
        if len(narrowed) == 1 and _names(narrowed[0].family, question.words):
            hits = narrowed
    if len(hits) > 1:
        step = browsing.search(data, ctx, question.words)
        return step
    return _one(data, ctx, hits[0], question)


def _several(data: dict[str, Any], ctx: Ctx, parts: tuple[str, ...]) -> Step | None:
    """ "nastar keju 500 sm kastengel 500 brp": a line for each product, when each part names one."""
    leads: list[str] = []
    buttons: list[Button] = []
    for words in parts:
        found = ctx.catalog.find(words)
        hits = [h for h in ([found.best] if found.best is not None else found.candidates) if _names(h.family, words)]
        if len(hits) != 1:
            return None  # one part unclear: the question as a whole is answered as before
        leads.append(_lead(hits[0]))
        p = hits[0].option if hits[0].option is not None and hits[0].asked is None else None
        sku = p.sku if p is not None else hits[0].family.options[0].sku
        buttons.append(Button(p.label if p is not None else hits[0].family.name,
                              browsing.VARIANT.pack(sku) if p is not None else browsing.PRODUCT.pack(sku)))
    return say(Browse.HOME, data, Reply("\n".join(leads), [*buttons, *browsing.main_menu()]))


def _lead(hit: Hit) -> str:
    """The one line that says whether a product is there, and its price (or its options' prices)."""
    family, p = hit.family, hit.option
    if p is not None and (len(family.options) == 1 or hit.asked is None):
        return (t.PRODUCT_READY.format(name=p.label, price=rupiah(p.price), stock=p.stock) if p.stock > 0
                else t.PRODUCT_SOLD_OUT.format(name=p.label))
    on_sale = [o for o in family.options if o.stock > 0]
    return (t.FAMILY_READY.format(name=family.name, options=", ".join(f"{o.option or o.name} {rupiah(o.price)}"
                                                                       for o in on_sale)) if on_sale
            else t.FAMILY_SOLD_OUT.format(name=family.name))


def _one(data: dict[str, Any], ctx: Ctx, hit: Hit, question: ProductQuestion) -> Step:
    family = hit.family
    if hit.option is not None and (len(family.options) == 1 or hit.asked is None):
        step = browsing.option_detail(data, ctx, hit.option.sku, hit.option)
        p = hit.option
        lead = (t.PRODUCT_READY.format(name=p.label, price=rupiah(p.price), stock=p.stock) if p.stock > 0
                else t.PRODUCT_SOLD_OUT.format(name=p.label))
    else:
        step = browsing.family_page(data, ctx, family)
        on_sale = [o for o in family.options if o.stock > 0]
        lead = (t.FAMILY_READY.format(name=family.name, options=", ".join(
            f"{o.option or o.name} {rupiah(o.price)}" for o in on_sale)) if on_sale
                else t.FAMILY_SOLD_OUT.format(name=family.name))
    first = step.replies[0]
    step.replies[0] = Reply(f"{lead}\n\n{first.text}", first.buttons, first.image_url, first.numbered, first.in_place)
    return step


def _name_words(words: str) -> list[str]:
    """The words that name a product (not a size, level or filler)."""
    return [w for w in normalize(words).split() if w not in FILLER_WORDS and not (
        w.isdigit() or size(w) is not None or measure(w) is not None or w in LEVEL_WORDS or w in OPTION_WORDS)]


def _names_something(words: str) -> bool:
    return bool(_name_words(words))


def _names(family: Family, words: str) -> bool:
    """Whether the words name this product closely enough: most of them are its own words."""
    said = _name_words(words)
    if not said:
        return True
    own = set(normalize(" ".join([family.name, *family.labels])).split())
    near = sum(1 for w in said if w in own or any(fuzz.ratio(w, o) >= TYPO_RATIO and misspelt(w, o)
                                                  for o in own if len(o) >= 4))
    return near / len(said) >= NAME_SHARE


# -- the shop's answers ------------------------------------------------------------------


def _clock(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}.{minutes % 60:02d}"


def hours(ctx: Ctx, q: ShopQuestion) -> str:
    shop = ctx.shop
    if not shop.opening_hours:
        return t.HOURS_UNKNOWN.format(shop=shop.name)
    lines = [t.HOURS.format(shop=shop.name, hours=shop.opening_hours)]
    week = shop.hours()
    if week is None:
        return lines[0]
    if q.about:
        day = int(q.about)
        spans = week.days[day]
        lines.append(t.DAY_OPEN.format(day=t.DAY_NAMES[day], spans=", ".join(f"{_clock(a)}–{_clock(b)}" for a, b in spans))
                     if spans else t.DAY_CLOSED.format(day=t.DAY_NAMES[day]))
    local = ctx.now.astimezone(ctx.tz).replace(tzinfo=None)
    if week.always:
        lines.append(t.OPEN_NOW_ALWAYS)
    elif week.is_open(local):
        lines.append(t.OPEN_NOW.format(until=_clock(_closing(week.days, local))))
    else:
        at = week.next_opening(local)
        lines.append(t.CLOSED_NOW.format(when=_when(local, at)) if at is not None else t.CLOSED_FOR_GOOD)
    return "\n".join(lines)


def closed_until(ctx: Ctx) -> str | None:
    """When the shop opens next ("besok pukul 08.00") if it is closed now by its hours; else None."""
    return opens_next(ctx.shop, ctx.tz, ctx.now)


def opens_next(shop: ShopProfile, tz: ZoneInfo, now: datetime) -> str | None:
    """The same for a shop read outside a message (the scheduled sweeps)."""
    week = shop.hours()
    if week is None or week.always:
        return None
    local = now.astimezone(tz).replace(tzinfo=None)
    if week.is_open(local):
        return None
    at = week.next_opening(local)
    return _when(local, at) if at is not None else None


def _closing(days: tuple[tuple[tuple[int, int], ...], ...], local: datetime) -> int:
    minute = local.hour * 60 + local.minute
    today = [end for start, end in days[local.weekday()] if start <= minute < end]
    if today:
        return max(today)
    return max(end - 1440 for _, end in days[(local.weekday() - 1) % 7] if end > 1440)


def _when(local: datetime, at: datetime) -> str:
    time = f"{at.hour:02d}.{at.minute:02d}"
    if at.date() == local.date():
        return t.WHEN_TODAY.format(time=time)
    if at.date() == (local + timedelta(days=1)).date():
        return t.WHEN_TOMORROW.format(time=time)
    return t.WHEN_DAY.format(day=t.DAY_NAMES[at.weekday()], time=time)


def address(ctx: Ctx, q: ShopQuestion) -> str:
    shop = ctx.shop
    if not shop.address:
        return t.ADDRESS_UNKNOWN.format(shop=shop.name)
    lines = [t.ADDRESS.format(shop=shop.name, address=shop.address)]
    if url := shop.maps_url():
        lines.append(t.MAPS.format(url=url))
    return "\n".join(lines)


def wa_link(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return f"https://wa.me/{digits}"


def contact(ctx: Ctx, q: ShopQuestion) -> str:
    shop = ctx.shop
    if not shop.phone:
        return t.CONTACT_UNKNOWN.format(shop=shop.name)
    return t.CONTACT.format(shop=shop.name, phone=shop.phone, wa=wa_link(shop.phone))


def method_lines(shop: ShopProfile) -> list[str]:
    lines = []
    for m in shop.payment_methods:
        if m.kind == "bank_transfer":
            lines.append(t.PAY_BANK.format(bank=m.bank, account=m.account_number, holder=m.account_holder)
                         if m.bank and m.account_number else t.PAY_BANK_PLAIN)
        elif m.kind == "qris":
            lines.append(t.PAY_QRIS)
        else:
            lines.append(t.PAY_COD)
    return lines


def payment(ctx: Ctx, q: ShopQuestion) -> str:
    shop = ctx.shop
    if not shop.payment_methods:
        return t.PAYMENT_NONE
    listed = t.PAYMENT_METHODS.format(methods="\n".join(method_lines(shop)))
    if not q.about:
        return listed
    said = t.PAY_YES[q.about] if shop.payment(q.about) is not None else t.PAY_NO[q.about]
    if q.about == "cod" and shop.payment("cod") is not None:
        said = cod_where(shop) or said
    return f"{said}\n{listed}"


def cod_where(shop: ShopProfile) -> str:
    """Where COD is taken, when that is not everywhere the shop sends to; "" when it is."""
    elsewhere = [z.name for z in shop.delivery_zones if not z.cod]
    if shop.outside_zones.allowed and not shop.outside_zones.cod:
        elsewhere.append(shop.outside_zones.name.lower())
    if not elsewhere:
        return ""
    taken = [z.name for z in shop.delivery_zones if z.cod] + ([cod_texts.COD_PICKUP] if shop.pickup else [])
    if not taken:
        return t.PAY_NO["cod"]
    return cod_texts.COD_WHERE.format(areas=", ".join(taken), outside=", ".join(elsewhere))


def fee(ctx: Ctx, q: ShopQuestion) -> str:
    shop = ctx.shop
    if q.about:
        area = places.spelled(q.about) or q.about.title()
        zone = shop.zone_for_address(q.about)
        if zone is not None and (zone.areas or len(shop.delivery_zones) == 1):
            return (t.FEE_ZONE_QUOTED if zone.quote else t.FEE_ZONE).format(area=area, zone=zone.name, fee=rupiah(zone.fee))
        outside = shop.outside_zones
        if outside.allowed:
            return (t.FEE_OUTSIDE_QUOTED if outside.quote else t.FEE_OUTSIDE).format(
                area=area, zone=outside.name, fee=rupiah(outside.fee or 0))
        return t.FEE_NOT_SERVED.format(area=area) + "\n\n" + fee_list(shop)
    return fee_list(shop)


def fee_list(shop: ShopProfile) -> str:
    lines = [(t.FEE_LINE_QUOTED.format(zone=z.name) if z.quote else t.FEE_LINE.format(zone=z.name, fee=rupiah(z.fee)))
             for z in shop.delivery_zones]
    if shop.outside_zones.allowed:
        o = shop.outside_zones
        lines.append(t.FEE_LINE_QUOTED.format(zone=o.name) if o.quote else t.FEE_LINE.format(zone=o.name, fee=rupiah(o.fee or 0)))
    text = t.FEE_LIST.format(lines="\n".join(lines)) if lines else t.FEE_NONE
    return f"{text}\n{t.FEE_PICKUP_FREE}" if shop.pickup else text


def minimum(ctx: Ctx, q: ShopQuestion) -> str:
    amount = ctx.shop.minimum_order
    return t.MINIMUM.format(amount=rupiah(amount)) if amount else t.MINIMUM_NONE


def pickup(ctx: Ctx, q: ShopQuestion) -> str:
    shop = ctx.shop
    if not shop.pickup:
        return t.PICKUP_NONE
    return t.PICKUP.format(address=shop.pickup_address or shop.address or shop.name)


def delivery_time(ctx: Ctx, q: ShopQuestion) -> str:
    text = ctx.shop.delivery_time
    return t.DELIVERY_TIME.format(text=text) if text else t.DELIVERY_TIME_UNKNOWN


ANSWERS = {Ask.HOURS: hours, Ask.ADDRESS: address, Ask.CONTACT: contact, Ask.PAYMENT: payment, Ask.FEE: fee,
           Ask.MINIMUM: minimum, Ask.PICKUP: pickup, Ask.DELIVERY_TIME: delivery_time}

