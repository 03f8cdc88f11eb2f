"""The owner changes the shop by chat, any time after the setup: "ganti alamat …", "ganti jam buka …",
"rekening baru …", "ganti nama toko …", "ongkir Sleman 15rb", "hapus area Sleman", "matikan cod",
"ganti nomor toko …", the QRIS as text ("qris 000201…", checked); each shown before -> after, *batalkan* right after takes it back (like the
stock commands). A command without its value ("ganti alamat") asks the setup's question for it.
Also: "info toko" (every setting), "atur toko" (the setup, where it stopped), "serahkan toko"
(a one-time code for the next owner) and "hapus produk …" (hidden from customers; orders keep it).
Only an owner changes the shop: a payment account is not for staff to rewrite."""

from __future__ import annotations

import re
from typing import Any

from conversations.base import Reply, Step, Turn
from conversations.seller import setup, shop_view as view
from conversations.seller import shop_words
from conversations.seller import stock as seller_stock
from conversations.seller.changes import Done
from conversations.seller.common import failed, fresh, idle, kept
from conversations.seller.parse import Command
from conversations.seller.ports import SellerCtx
from conversations.seller.setup_ask import SellerSetup
from conversations.seller.shop_effects import HandOver, ProfileChange
from language.money import local_time
from shops import owner_code
from texts.id import shop_setup as t

_OPT = r"(?:\s+(?:toko|jadi|menjadi|ke|baru)\b)*\s*:?\s*"
# (pattern, what it changes); the group is the new value as typed (case kept), possibly empty.
VALUED = (
    (re.compile(rf"^(?:ganti|ubah)\s+nama\s+toko{_OPT}(.*)$|^nama\s+toko\s+baru\s*:?\s*(.*)$", re.I | re.S), "name"),
    (re.compile(rf"^(?:(?:ganti|ubah)\s+alamat|alamat\s+(?:toko\s+)?baru){_OPT}(.*)$", re.I | re.S), "address"),
    (re.compile(rf"^(?:ganti|ubah)\s+lokasi{_OPT}(.*)$", re.I | re.S), "location"),
    (re.compile(rf"^(?:(?:ganti|ubah)\s+jam(?:\s+buka)?|jam\s+buka\s+baru){_OPT}(.*)$", re.I | re.S), "opening_hours"),
    (re.compile(rf"^(?:(?:rekening|rek)\s+baru|(?:ganti|ubah)\s+(?:no(?:mor)?\s+)?(?:rekening|rek)){_OPT}(.*)$",
                re.I | re.S), "bank"),
    (re.compile(r"^(?:(?:ganti|ubah)\s+qris|qris\s+baru|foto\s+qris|atur\s+qris)\s*(.*)$", re.I | re.S), "qris"),
    # The QRIS as text (EMVCo payload), pasted alone or after "qris": always starts 000201.
    (re.compile(r"^(?:qris\s*:?\s*)?(000201\S.*)$", re.I | re.S), "qris"),
    (re.compile(rf"^(?:(?:ganti|ubah)\s+(?:nomor|no|hp|wa)(?:\s+(?:hp|wa|telepon|telp))?\s+toko|nomor\s+toko\s+baru)"
                rf"{_OPT}(.*)$", re.I | re.S), "phone"),
    (re.compile(r"^(?:ongkir|tambah\s+(?:area|ongkir|zona)|area\s+(?:antar\s+)?baru)\s+(.+)$", re.I | re.S), "zone"),
    (re.compile(r"^(?:hapus|buang)\s+(?:area|ongkir|zona)\s+(.+)$", re.I | re.S), "zone_remove"),
    (re.compile(r"^(?:hapus|buang)\s+(?:produk|barang|menu|item)\s+(.+)$", re.I | re.S), "product_hide"),
)
SWITCHES = {
    "cod_on": {"cod aktif", "aktifkan cod", "terima cod", "bisa cod", "cod bisa", "nyalakan cod", "buka cod"},
    "cod_off": {"matikan cod", "cod mati", "tidak terima cod", "nonaktifkan cod", "hapus cod", "cod tidak bisa",
                "tutup cod", "tidak bisa cod"},
    # COD beyond the zones ("luar kota"): off unless the owner says (shops.profile.OutsideZones.cod)
    "cod_outside_on": {"cod luar kota", "terima cod luar kota", "bisa cod luar kota", "cod luar kota bisa",
                       "aktifkan cod luar kota", "cod luar kota aktif", "luar kota bisa cod"},
    "cod_outside_off": {"matikan cod luar kota", "tidak terima cod luar kota", "cod luar kota tidak bisa",
                        "tidak bisa cod luar kota", "cod luar kota mati", "luar kota tidak bisa cod",
                        "nonaktifkan cod luar kota"},
    "pickup_on": {"bisa ambil sendiri", "ambil sendiri bisa", "aktifkan ambil sendiri", "boleh ambil sendiri"},
    "pickup_off": {"tidak bisa ambil sendiri", "ga bisa ambil sendiri", "matikan ambil sendiri",
                   "ambil sendiri tidak bisa", "tidak ada ambil sendiri"},
    "bank_off": {"hapus rekening", "hapus rek", "hapus transfer"},
    "qris_off": {"hapus qris", "matikan qris"},
    # An order while the opening hours say closed: taken for the next opening, or refused (docs/PREORDERS.md).
    "outside_hours_next_opening": {"terima pesanan saat tutup", "terima pesanan di luar jam buka",
                                   "pesanan saat tutup diterima", "boleh pesan saat tutup"},
    "outside_hours_refuse": {"tolak pesanan saat tutup", "tolak pesanan di luar jam buka",
                             "tidak terima pesanan saat tutup", "pesanan saat tutup ditolak"},
}
MENUS = {"payment": ({"cara bayar", "atur bayar", "atur pembayaran", "metode bayar", "pembayaran"}, SellerSetup.PAYMENT),
         "delivery": ({"pengiriman", "atur ongkir", "atur pengiriman", "area antar", "ongkir", "atur area"},
                      SellerSetup.DELIVERY)}
INFO = {"info toko", "pengaturan toko", "profil toko", "lihat toko", "data toko", "setelan toko", "toko saya"}
SETUP = {"atur toko", "lanjut atur toko", "setup toko", "siapkan toko", "lanjutkan pengaturan", "pengaturan awal",
         "lanjut pengaturan", "atur ulang toko"}
HANDOVER = {"serahkan toko", "ganti pemilik", "pindah pemilik", "alihkan toko", "serah terima toko", "jual toko"}
ASK_FOR = {"name": SellerSetup.NAME, "address": SellerSetup.ADDRESS, "location": SellerSetup.ADDRESS,
           "opening_hours": SellerSetup.HOURS, "bank": SellerSetup.BANK, "qris": SellerSetup.QRIS,
           "zone": SellerSetup.ZONES}


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if turn.choice or turn.media or not turn.text.strip():
        return None
    text = " ".join(turn.text.split())
    said = text.lower().strip(" !?.")
    found = _command(text, said)
    if found is None:
        return None
    kind, value = found
    if kind == "product_hide":  # staff may hide a product, as with "sembunyikan"
        return seller_stock.run(data, ctx, Command("hide", value))
    data = {k: v for k, v in data.items() if k not in ("editing", "_then")}
    if kind == "info":  # anyone of the shop may look
        return idle(data, Reply(view.info(ctx.shop)))
    if not ctx.seller.is_owner:
        return idle(data, Reply(t.NOT_OWNER_SETTINGS))
    if kind == "setup":
        return setup.resume(data, ctx)
    if kind == "handover":
        return idle(data, effects=[HandOver(ctx.seller.id, ctx.seller.label)], then=on_handover)
    if kind in MENUS:
        return setup.edit(data, ctx, MENUS[kind][1])
    if kind in SWITCHES:
        return switch(data, ctx, kind)
    return change(data, ctx, kind, value)


def _command(text: str, said: str) -> tuple[str, str] | None:
    for kind, phrases in SWITCHES.items():
        if said in phrases:
            return kind, ""
    for kind, (phrases, _) in MENUS.items():
        if said in phrases:
            return kind, ""
    for kind, phrases in (("info", INFO), ("setup", SETUP), ("handover", HANDOVER)):
        if said in phrases:
            return kind, ""
    for pattern, kind in VALUED:
        if (match := pattern.match(text)) is not None:
            return kind, next((g for g in match.groups() if g), "").strip()
    return None


def change(data: dict[str, Any], ctx: SellerCtx, kind: str, value: str) -> Step:
    """one setting from the command's own words, or its question when the words are missing."""
    shop, methods = ctx.shop, view.dump(ctx.shop)["payment_methods"]
    if not value and kind in ASK_FOR:
        return setup.edit(data, ctx, ASK_FOR[kind])
    if kind == "name":
        name = shop_words.shop_name(value)
        return _save(data, ctx, "name", {"name": name}) if name else idle(data, Reply(t.BAD_NAME))
    if kind == "address":
        address = shop_words.address(value)
        return _save(data, ctx, "address", {"address": address}) if address else idle(data, Reply(t.BAD_ADDRESS))
    if kind == "opening_hours":
        return _save(data, ctx, "opening_hours", {"opening_hours": value[:200]})
    if kind == "bank":
        account = shop_words.bank_account(value)
        if account is None:
            return idle(data, Reply(t.BAD_BANK))
        return _save(data, ctx, "payment_methods",
                     {"payment_methods": setup.with_method(methods, "bank_transfer", account)})
    if kind == "qris" and value.startswith("000201"):
        return setup.qris_text(data, ctx, value, "")
    if kind == "phone":
        phone = shop_words.phone(value)
        return _save(data, ctx, "phone", {"phone": phone}) if phone else idle(data, Reply(t.BAD_PHONE))
    if kind == "zone":
        found = shop_words.zones(value)
        if found is None:
            return idle(data, Reply(t.BAD_ZONES))
        return _save(data, ctx, "delivery_zones", shop_words.zones_change(view.dump(shop)["delivery_zones"], found))
    if kind == "zone_remove":
        zones = view.dump(shop)["delivery_zones"]
        wanted = shop_words.zone_id(value)
        kept_zones = [z for z in zones if z["id"] != wanted and z["name"].lower() != value.lower()]
        if len(kept_zones) == len(zones):
            names = t.LIST_SEP.join(z["name"] for z in zones) or t.NOT_SET
            return idle(data, Reply(t.ZONE_NOT_FOUND.format(name=value, zones=names)))
        return _save(data, ctx, "delivery_zones", {"delivery_zones": kept_zones})
    return setup.edit(data, ctx, ASK_FOR.get(kind, SellerSetup.PAYMENT))


def switch(data: dict[str, Any], ctx: SellerCtx, kind: str) -> Step:
    """COD or pickup on/off; a bank account or the QRIS removed."""
    shop, methods = ctx.shop, view.dump(ctx.shop)["payment_methods"]
    if kind.startswith("outside_hours_"):
        return _save(data, ctx, "outside_hours", {"outside_hours": kind.removeprefix("outside_hours_")})
    if kind.startswith("cod_outside"):
        outside = view.dump(shop)["outside_zones"]
        return _save(data, ctx, "outside_zones", {"outside_zones": {**outside, "cod": kind == "cod_outside_on"}})
    if kind.startswith("pickup"):
        on = kind == "pickup_on"
        after: dict[str, Any] = {"pickup": on}
        if on and not shop.pickup_address and shop.address:
            after["pickup_address"] = shop.address
        return _save(data, ctx, "pickup", after)
    method = {"cod_on": ("cod", {"kind": "cod"}), "cod_off": ("cod", None), "bank_off": ("bank_transfer", None),
              "qris_off": ("qris", None)}[kind]
    if method[1] is None and not any(m["kind"] == method[0] for m in methods):
        return idle(data, Reply(t.NOTHING_TO_REMOVE.format(what=t.WHAT["payment_methods"])))
    return _save(data, ctx, "payment_methods", {"payment_methods": setup.with_method(methods, *method)})


def _save(data: dict[str, Any], ctx: SellerCtx, what: str, after: dict[str, Any]) -> Step:
    return setup.save("", data, ctx, what, after, then=("idle", ""))


def on_handover(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """shows the owner the one-time code for the next owner (only its hash is kept)."""
    made = outcomes[0]
    text = t.HANDOVER_CODE.format(code=owner_code.shown(made.code), expires=local_time(made.expires_at, ctx.tz))
    return kept(step, None, Reply(text))


def undo(data: dict[str, Any], last: dict[str, Any], ctx: SellerCtx) -> Step:
    """takes back the owner's last change of the shop's settings."""
    what = last["what"]
    change = ProfileChange(ctx.seller.id, ctx.seller.label, what, last["after"], last["before"], undo=True)
    text = t.UNDONE.format(what=t.WHAT[what], value=view.show(what, last["before"]))
    return idle(data, Reply(text), effects=[change], then=on_undone)


def on_undone(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    if isinstance(outcomes[0], Done):
        return kept(step)
    return failed(step, t.CHANGED_MEANWHILE.format(what=t.WHAT[step.effects[0].what]))


def undoable(data: dict[str, Any], ctx: SellerCtx) -> bool:
    last = data.get("undo")
    return isinstance(last, dict) and last.get("kind") == "profile" and fresh(last, ctx)
