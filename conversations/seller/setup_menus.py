"""What an owner types at the setup's two menus, how customers pay and how orders reach them,
when it is more than a button's word: "bisa cod juga", "qris blm punya", "ga bisa ambil sendiri",
"bisa diantar ke luar kota pake jne". Pure: a word for the menu's answer, or None."""

from __future__ import annotations

from language.words import NO

NOT = NO | {"gk", "ngga", "belum", "blm", "ndak", "nda", "bukan"}  # "qris blm punya": not yet, not at all
COD = frozenset({"cod", "tunai", "cash", "cas"})
QRIS = frozenset({"qris", "qr", "barcode"})
BANK = frozenset({"rekening", "rek", "transfer", "tf", "bank", "bca", "bri", "bni", "mandiri", "bsi", "btn"})
PICKUP = ("ambil sendiri", "diambil", "ambil di toko", "ambil ke toko", "ambil ditempat", "ambil di tempat", "pickup",
          "pick up", "ambil langsung")
DELIVER = frozenset({"antar", "diantar", "anter", "dianter", "kirim", "dikirim", "ongkir", "kurir", "ekspedisi", "jne",
                     "jnt", "j&t", "sicepat", "pos", "gojek", "grab", "gosend", "paket", "luar", "area"})


def payment(said: str) -> str | None:
    """ "cod_on", "cod_off", "qris", "qris_later", "bank", or None."""
    words = set(said.split())
    negated = bool(words & NOT)
    if words & COD or "bayar di tempat" in said:
        return "cod_off" if negated else "cod_on"
    if words & QRIS:
        return "qris_later" if negated else "qris"
    if words & BANK and not negated:
        return "bank"
    return None


def delivery(said: str) -> str | None:
    """ "pickup_on", "pickup_off", "zones", or None."""
    words = set(said.split())
    if any(phrase in said for phrase in PICKUP):
        return "pickup_off" if words & NOT else "pickup_on"
    if words & DELIVER and not words & NOT:
        return "zones"
    return None
