"""Setting a new shop up by chat, one question at a time: the shop's name, its address (text or a
shared location), opening hours (said back as the schedule we read), how customers pay (a bank
account, a QRIS picture, cash on delivery), how orders reach them (pickup, local areas with
fees), then the first products ("Nama Barang 50rb stok 10", with or without a photo).

Every step can be skipped (*lewati*) and the whole setup paused (*batal*) and resumed with
*atur toko*, which goes to the first step not yet answered. The same questions serve a single
change later ("ganti jam buka" without the hours): then the answer is shown before -> after,
*batalkan* takes it back, and the owner is back where they were. What the owner answers is a
ProfileChange (effects.shop_settings), worded by `on_saved`.
"""

from __future__ import annotations

from typing import Any

from conversations.base import Reply, Step, Turn
from conversations.seller import shop_view as view
from conversations.seller import shop_words
from conversations.seller import setup_menus, setup_products
from conversations.seller.changes import Done
from conversations.seller.common import IDLE, find, idle, words
from conversations.seller.ports import SellerCtx
from conversations.seller.products import NEW_LINE
from conversations.seller.setup_ask import CHOICES, SETUP_STATES, STEPS, SellerSetup, ask, menu_buttons
from conversations.seller.shop_effects import ProfileChange
from language.text import normalize
from language.names import addressed
from language.how import asks_how
from language.words import GREETINGS, HELP, MENU, SELLER_LEAVE, is_yes
from orders import qris
from shops.profile import ShopProfile
from texts.id import books as tb
from texts.id import seller as seller_texts
from texts.id import shop_setup as t

__all__ = ["SellerSetup", "SETUP_STATES", "STEPS", "route", "start_data", "resume", "edit", "save", "welcome"]

SKIP, PAUSE, NEXT, CORRECT = CHOICES["skip"], CHOICES["pause"], CHOICES["next"], CHOICES["ok"]
BANK, QRIS, COD, PICKUP, ZONES, DONE = (CHOICES["bank"], CHOICES["qris"], CHOICES["cod"], CHOICES["pickup"],
                                        CHOICES["zones"], CHOICES["done"])
SKIP_WORDS = {"lewati", "lewat", "skip", "lompati", "lewatin", "gak ada", "ga ada", "tidak ada", "belum ada"}
PAUSE_WORDS = SELLER_LEAVE | {"nanti saja", "nanti aja", "nanti", "jeda", "berhenti dulu"}
NEXT_WORDS = frozenset({"lanjut", "selesai", "sudah", "udah", "udh", "sdh", "next", "cukup", "sudah semua", "lanjutkan",
                        "beres", "done"})
# A greeting or a call for help in the middle of the setup asks the question again (never an answer).
HELP_WORDS = GREETINGS | MENU | HELP | {"?", "gimana", "caranya", "apa"}
STEP_OF = {SellerSetup.NAME: "name", SellerSetup.ADDRESS: "address", SellerSetup.HOURS: "hours",
           SellerSetup.PAYMENT: "payment", SellerSetup.BANK: "payment", SellerSetup.QRIS: "payment",
           SellerSetup.DELIVERY: "delivery", SellerSetup.ZONES: "delivery", SellerSetup.PRODUCTS: "products"}
MENU_OF = {SellerSetup.BANK: SellerSetup.PAYMENT, SellerSetup.QRIS: SellerSetup.PAYMENT,
           SellerSetup.ZONES: SellerSetup.DELIVERY}
ORDER = ("bank_transfer", "qris", "cod")


def _next(said: str) -> bool:
    """ "lanjut", "udah itu aja", "sudah cukup kak": done with this menu."""
    return bool(said) and is_yes(said, NEXT_WORDS)


def start_data() -> dict[str, Any]:
    return {"setup": {"done": []}}


def welcome(shop: ShopProfile, name: str | None) -> list[Reply]:
    """What a new owner reads first: welcome, then the first question."""
    hello = Reply(t.OWNER_WELCOME.format(kak=addressed(name), shop=shop.name))
    return [hello, *ask(SellerSetup.NAME, shop, start_data()).replies]


def resume(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """goes to the first step not answered yet, or, when all are, shows the shop ready."""
    done = set((data.get("setup") or {}).get("done") or [])
    data = {**data, "setup": {"done": sorted(done)}}
    data.pop("editing", None)
    for key in STEPS:
        if key not in done:
            return ask(SellerSetup(f"seller_setup:{key}"), ctx.shop, data)
    return finish(data, ctx.shop)


def edit(data: dict[str, Any], ctx: SellerCtx, state: SellerSetup) -> Step:
    """one question of the setup, to change that setting alone."""
    return ask(state, ctx.shop, {**data, "editing": True})


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if state not in SETUP_STATES:
        return None
    state = SellerSetup(state)
    said = "" if turn.choice else words(turn.text)
    if PAUSE.matches(turn.choice) or said in PAUSE_WORDS:
        return pause(data)
    if SKIP.matches(turn.choice) or said in SKIP_WORDS:
        return skip(state, data, ctx)
    if said in HELP_WORDS or (said and asks_how(said) is not None):  # "caranya gimana kak?"
        return ask(state, ctx.shop, data, note=t.STEP_HELP)
    return ANSWERS[state](state, data, turn, ctx)


def pause(data: dict[str, Any]) -> Step:
    editing = data.get("editing")
    return idle(_left(data), Reply(seller_texts.FLOW_CANCELLED if editing else t.PAUSED))


def skip(state: SellerSetup, data: dict[str, Any], ctx: SellerCtx) -> Step:
    if state in MENU_OF:  # a sub-question: back to its menu
        return ask(MENU_OF[state], ctx.shop, data)
    if data.get("editing"):
        return idle(_left(data), Reply(seller_texts.FLOW_CANCELLED))
    return advance(data, ctx.shop, STEP_OF[state], [Reply(t.SKIPPED)], mark=False)


def advance(data: dict[str, Any], shop: ShopProfile, key: str, replies: list[Reply], *, mark: bool = True) -> Step:
    """past step `key` (answered when `mark`): the next question, or the end of the setup."""
    done = set((data.get("setup") or {}).get("done") or [])
    if mark:
        done.add(key)
    data = {**data, "setup": {**(data.get("setup") or {}), "done": sorted(done)}}
    if data.get("editing"):
        return Step(IDLE, _left(data), replies)
    following = STEPS[STEPS.index(key) + 1:]
    if not following:
        return finish(data, shop, replies)
    step = ask(SellerSetup(f"seller_setup:{following[0]}"), shop, data)
    return Step(step.state, step.data, replies + step.replies)


def finish(data: dict[str, Any], shop: ShopProfile, replies: list[Reply] | None = None) -> Step:
    text = t.FINISHED.format(shop=shop.name, summary=view.info(shop))
    return Step(IDLE, _left(data), (replies or []) + [Reply(text)])


def _left(data: dict[str, Any]) -> dict[str, Any]:
    """What the seller's conversation keeps once out of the setup's questions (its progress, an undo)."""
    return {k: v for k, v in data.items() if k not in ("editing", "_then", "pending", "at")}


# ---- the answers ------------------------------------------------------------------------


def on_name(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    if CORRECT.matches(turn.choice) or is_yes(turn.text):  # "iya bener kak" keeps the name, never becomes it
        return advance(data, ctx.shop, "name", [])
    name = shop_words.shop_name(turn.text) if not turn.choice else None
    if name is None:
        return ask(state, ctx.shop, data, note=t.BAD_NAME)
    return save(state, data, ctx, "name", {"name": name}, then=("next", "name"))


def on_address(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    if turn.latitude is not None and turn.longitude is not None:
        after: dict[str, Any] = {"latitude": turn.latitude, "longitude": turn.longitude}
        if turn.address and not ctx.shop.address:
            after["address"] = turn.address
        written = bool(ctx.shop.address or turn.address)
        return save(state, data, ctx, "location", after, then=("next" if written else "text", "address"))
    address = shop_words.address(turn.text) if not turn.choice else None
    if address is None:
        return ask(state, ctx.shop, data, note=t.BAD_ADDRESS)
    return save(state, data, ctx, "address", {"address": address}, then=("next", "address"))


def on_hours(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    text = " ".join(turn.text.split())[:200]
    if turn.choice or len(text) < 3:
        return ask(state, ctx.shop, data)
    return save(state, data, ctx, "opening_hours", {"opening_hours": text}, then=("next", "hours"))


def hours_said(shop: ShopProfile) -> Reply:
    """the schedule we read from the owner's words, or that we could not read it."""
    hours = shop.hours()
    if hours is None:
        return Reply(t.HOURS_UNREAD.format(text=shop.opening_hours))
    return Reply(t.HOURS_READ.format(schedule="\n".join(view.schedule_lines(hours))))


def on_payment(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    said = "" if turn.choice else words(turn.text)
    methods = view.dump(ctx.shop)["payment_methods"]
    if BANK.matches(turn.choice) or said in {"bank", "rekening", "transfer", "transfer bank", "rekening bank", "rek"}:
        return ask(SellerSetup.BANK, ctx.shop, data)
    if QRIS.matches(turn.choice) or said in {"qris", "qr", "kode qr"} or turn.media:
        return on_qris(SellerSetup.QRIS, data, turn, ctx) if turn.media else ask(SellerSetup.QRIS, ctx.shop, data)
    if COD.matches(turn.choice) or said in {"cod", "bayar di tempat", "tunai", "cash"}:
        has = any(m["kind"] == "cod" for m in methods)
        return save(state, data, ctx, "payment_methods",
                     {"payment_methods": with_method(methods, "cod", None if has else {"kind": "cod"})},
                     then=("ask", SellerSetup.PAYMENT))
    if NEXT.matches(turn.choice) or _next(said):
        return advance(data, ctx.shop, "payment", [] if methods else [Reply(t.NO_PAYMENT_YET)])
    if not turn.choice and (account := shop_words.bank_account(turn.text)) is not None:
        return _bank(state, data, ctx, account)
    kind = setup_menus.payment(said)  # "bisa cod juga", "qris blm punya"
    if kind in ("cod_on", "cod_off"):
        cod = {"kind": "cod"} if kind == "cod_on" else None
        return save(state, data, ctx, "payment_methods", {"payment_methods": with_method(methods, "cod", cod)},
                    then=("ask", SellerSetup.PAYMENT))
    if kind in ("bank", "qris"):
        return ask(SellerSetup.BANK if kind == "bank" else SellerSetup.QRIS, ctx.shop, data)
    return ask(state, ctx.shop, data, note=t.QRIS_LATER if kind == "qris_later" else t.PAYMENT_MENU_HELP)


def on_bank(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    account = shop_words.bank_account(turn.text) if not turn.choice else None
    if account is None:
        return ask(state, ctx.shop, data, note=t.BAD_BANK)
    return _bank(state, data, ctx, account)


def _bank(state: SellerSetup, data: dict[str, Any], ctx: SellerCtx, account: dict[str, Any]) -> Step:
    methods = view.dump(ctx.shop)["payment_methods"]
    after = {"payment_methods": with_method(methods, "bank_transfer", account)}
    return save(state, data, ctx, "payment_methods", after, then=("ask", SellerSetup.PAYMENT))


def on_qris(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    if not turn.media and turn.text.strip().startswith("000201"):  # the QRIS as text
        return qris_text(data, ctx, turn.text, state)
    if not turn.media or turn.media[0].rejected or not turn.media[0].ref:
        return ask(SellerSetup.QRIS, ctx.shop, data, note=t.QRIS_NEEDS_PHOTO)
    methods = view.dump(ctx.shop)["payment_methods"]
    qris = {"kind": "qris", "label": "", "qris_image": turn.media[0].ref}
    after = {"payment_methods": with_method(methods, "qris", qris)}
    return save(state, data, ctx, "payment_methods", after, then=("ask", SellerSetup.PAYMENT))


def qris_text(data: dict[str, Any], ctx: SellerCtx, text: str, state: str) -> Step:
    """the shop's QRIS given as its payload text ("qris 000201…"): checked, a wrong CRC refused with
    nothing changed; kept with the picture, if any, as the fallback (orders.qris)."""
    payload = text.strip()
    try:
        qris.parse_shop_qris(payload)
    except qris.QrisError as exc:
        refused = tb.QRIS_REFUSED[exc.reason]
        return ask(SellerSetup.QRIS, ctx.shop, data, note=refused) if state else idle(data, Reply(refused))
    methods = view.dump(ctx.shop)["payment_methods"]
    current = next((m for m in methods if m["kind"] == "qris"), {})
    method = {**current, "kind": "qris", "label": current.get("label") or "", "qris_payload": payload}
    after = {"payment_methods": with_method(methods, "qris", method)}
    return save(state, data, ctx, "payment_methods", after,
                then=("ask", SellerSetup.PAYMENT) if state else ("idle", ""))


def with_method(methods: list[dict[str, Any]], kind: str, method: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The methods with `kind` replaced by `method` (None: removed), in the order customers see them."""
    kept = [m for m in methods if m.get("kind") != kind] + ([method] if method else [])
    full = [{"label": "", "bank": None, "account_number": None, "account_holder": None, "qris_image": None,
             "qris_payload": None, **m}
            for m in kept]
    return sorted(full, key=lambda m: ORDER.index(m["kind"]) if m["kind"] in ORDER else len(ORDER))


def on_delivery(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    said = "" if turn.choice else words(turn.text)
    shop = ctx.shop
    if PICKUP.matches(turn.choice) or said in {"ambil sendiri", "bisa ambil sendiri", "pickup", "diambil"}:
        after: dict[str, Any] = {"pickup": not shop.pickup}
        if not shop.pickup and not shop.pickup_address and shop.address:
            after["pickup_address"] = shop.address
        return save(state, data, ctx, "pickup", after, then=("ask", SellerSetup.DELIVERY))
    if ZONES.matches(turn.choice) or said in {"antar", "diantar", "tambah area", "area", "ongkir", "kirim"}:
        return ask(SellerSetup.ZONES, shop, data)
    if NEXT.matches(turn.choice) or _next(said):
        ready = shop.pickup or shop.delivery_zones
        return advance(data, shop, "delivery", [] if ready else [Reply(t.NO_DELIVERY_YET)])
    if not turn.choice and (found := shop_words.zones(turn.text)) is not None:
        return _zones(state, data, ctx, found)
    kind = setup_menus.delivery(said)  # "bisa diantar ke luar kota pake jne", "ga bisa ambil sendiri"
    if kind in ("pickup_on", "pickup_off") and (kind == "pickup_on") != shop.pickup:
        return on_delivery(state, data, Turn(text="", choice=PICKUP.pack()), ctx)
    if kind == "zones":
        return ask(SellerSetup.ZONES, shop, data)
    return ask(state, shop, data, note=None if kind else t.DELIVERY_MENU_HELP)


def on_zones(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    found = shop_words.zones(turn.text) if not turn.choice else None
    if found is None:
        return ask(state, ctx.shop, data, note=t.BAD_ZONES)
    return _zones(state, data, ctx, found)


def _zones(state: SellerSetup, data: dict[str, Any], ctx: SellerCtx, found: list[dict[str, Any]]) -> Step:
    return save(state, data, ctx, "delivery_zones", shop_words.zones_change(view.dump(ctx.shop)["delivery_zones"], found),
                then=("ask", SellerSetup.DELIVERY))


def on_products(state: SellerSetup, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    said = "" if turn.choice else words(turn.text)
    if DONE.matches(turn.choice) or (_next(said) and not turn.media):
        return advance(data, ctx.shop, "products", [])
    text = turn.text
    if (match := NEW_LINE.match(text)) is not None:
        text = text[match.end():]
    pending = data.get("pending") if isinstance(data.get("pending"), dict) else None
    draft = setup_products.read(text, pending) if not turn.choice else {}
    if "name" not in draft:
        return ask(state, ctx.shop, data, note=t.PRODUCT_NEEDS_NAME.format(example=t.PRODUCT_EXAMPLE))
    image = turn.media[0].ref if turn.media and not turn.media[0].rejected and turn.media[0].ref else None
    image = image or draft.get("image")  # the photo sent with the line whose stock came next
    if setup_products.missing(draft):  # kept for the next message: "10" is its stock
        keep = {**data, "pending": {**draft, "image": image}}
        return Step(state, keep, [Reply(setup_products.needs(draft), menu_buttons(state, ctx.shop, data))])
    data = {k: v for k, v in data.items() if k != "pending"}
    best, _ = find(ctx, draft["name"])
    if best is not None and normalize(best.name) == normalize(draft["name"]):
        return Step(state, data, [Reply(t.PRODUCT_EXISTS.format(name=best.name), menu_buttons(state, ctx.shop, data))])
    effect, text = setup_products.create(draft, ctx.seller.id, ctx.seller.label, seller_texts.OTHER_CATEGORY, image)
    return Step(state, data, [Reply(text, menu_buttons(state, ctx.shop, data))], [effect])


ANSWERS = {SellerSetup.NAME: on_name, SellerSetup.ADDRESS: on_address, SellerSetup.HOURS: on_hours,
           SellerSetup.PAYMENT: on_payment, SellerSetup.BANK: on_bank, SellerSetup.QRIS: on_qris,
           SellerSetup.DELIVERY: on_delivery, SellerSetup.ZONES: on_zones, SellerSetup.PRODUCTS: on_products}


# ---- saving an answer -------------------------------------------------------------------


def save(state: str, data: dict[str, Any], ctx: SellerCtx, what: str, after: dict[str, Any],
         then: tuple[str, str]) -> Step:
    """shows the change before -> after and asks for it; `then` says where to go once it is written:
    ("next", step) past that step, ("ask", state) that question again, ("text", "address") the
    written address after a shared location, ("idle", "") back to the seller's menu."""
    stored = {**view.dump(ctx.shop), "name": ctx.shop.name}
    before = {k: stored.get(k) for k in after}
    if before == after:
        return _go(state, {**data, "_then": list(then)}, ctx.shop, [Reply(t.SAME.format(what=t.WHAT[what]))])
    change = ProfileChange(ctx.seller.id, ctx.seller.label, what, before, after)
    text = t.CHANGED.format(what=t.WHAT[what], before=view.show(what, before), after=view.show(what, after))
    if what == "delivery_zones":  # "sleman bantul 15rb": one place, or two without their comma?
        new = [z for z in after.get("delivery_zones") or [] if z not in (before.get("delivery_zones") or [])]
        text += "".join("\n" + t.ONE_PLACE.format(name=z["name"], example=view.zone_example(z))
                        for z in shop_words.joined_places(new))
    return Step(state, {**data, "_then": list(then)}, [Reply(text)], [change], then=on_saved)


def on_saved(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """goes on once the change is written (a single change can then be taken back with
    *batalkan*), or says that someone changed the setting meanwhile."""
    change, outcome = step.effects[0], outcomes[0]
    if not isinstance(outcome, Done):
        return Step(step.state, _left(step.data), [Reply(t.CHANGED_MEANWHILE.format(what=t.WHAT[change.what]))])
    shop = view.applied(ctx.shop, change.after)
    replies = list(step.replies)
    if change.what == "opening_hours":
        replies.append(hours_said(shop))
    data = step.data
    if data.get("editing") or step.state == IDLE:
        replies[0] = Reply(replies[0].text + "\n" + t.UNDO_HINT)
        data = {**data, "undo": {"kind": "profile", "what": change.what, "before": change.before,
                                 "after": change.after, "at": ctx.now.isoformat()}}
    return _go(step.state, data, shop, replies)


def _go(state: str, data: dict[str, Any], shop: ShopProfile, replies: list[Reply]) -> Step:
    kind, target = (data.get("_then") or ["idle", ""])
    data = {k: v for k, v in data.items() if k != "_then"}
    if kind == "next":
        return advance(data, shop, target, replies)
    if kind == "text":
        done = sorted(set((data.get("setup") or {}).get("done") or []) | {"address"})
        data = {**data, "setup": {**(data.get("setup") or {}), "done": done}}
        return Step(SellerSetup.ADDRESS, data, replies + [Reply(t.ASK_ADDRESS_TEXT, menu_buttons(
            SellerSetup.ADDRESS, shop, data))])
    if kind == "ask":
        step = ask(SellerSetup(target), shop, data)
        return Step(step.state, step.data, replies + step.replies)
    return Step(IDLE, _left(data), replies)
