"""The one vocabulary: every word list that means yes, no, leave this step, stop promo messages,
hello or help, once, with what each means. Flows and routers import their words from here, so
a word means the same thing everywhere unless a list below says otherwise, and says why.

A message is compared whole, after `said()` (lowercase, spaces squeezed, end punctuation off).
"""

from __future__ import annotations


def said(text: str) -> str:
    """A message as the lists below are matched against it: "  Ya  kak!! " -> "ya kak"."""
    return " ".join(text.lower().split()).strip(" !?.")


# Yes and no, plainly. "y" is yes everywhere (it once confirmed a checkout but not a promo).
YES = frozenset({"ya", "iya", "iyaa", "y", "yes", "ok", "oke", "okey", "okay", "betul", "benar", "bener", "yakin",
                 "yap", "sip", "siap"})
NO = frozenset({"tidak", "tdk", "ga", "gak", "nggak", "enggak", "engga", "no", "jangan"})

# Leave the step in progress (the cart stays). Checked before a flow's own question, so a
# flow's "no" never needs these.
CANCEL = frozenset({"batal", "cancel", "/cancel", "gajadi", "ga jadi", "gak jadi", "nggak jadi", "tidak jadi", "keluar"})

# Stop promo messages (the customer's consent), in any state, at once. For a seller with a
# question of theirs open, a bare "stop" leaves that question instead (SELLER_LEAVE): they
# are stopping what they are doing, and their promo consent is not what they asked about.
STOP = frozenset({"stop", "berhenti", "jangan kirim promo", "jangan kirim promo lagi", "stop promo", "berhenti promo",
                  "unsubscribe", "unsub", "gak mau promo", "ga mau promo", "tidak mau promo", "nggak mau promo"})
START_PROMOS = frozenset({"mau promo", "mau promo lagi", "mau info promo", "langganan promo", "kirim promo"})
SELLER_LEAVE = CANCEL | {"stop"}

GREETINGS = frozenset({"start", "/start", "mulai", "halo", "hallo", "hai", "hi", "hello", "p", "assalamualaikum",
                       "permisi", "pagi", "siang", "sore", "malam"})
MENU = frozenset({"menu"})
HELP = frozenset({"bantuan", "help", "/help", "tolong", "bingung", "cara pesan", "caranya"})
# A seller's greeting or call for help opens the seller's menu (their commands with examples).
SELLER_HELP = GREETINGS | MENU | HELP | {"admin", "/admin", "penjual", "menu penjual", "perintah", "daftar perintah",
                                         "cara", "?"}

# Yes to one question, where more words plainly mean yes there.
PLACE_ORDER = YES | {"pesan", "konfirmasi", "lanjut", "gas"}  # "place the order?"
APPLY_CHANGE = YES | {"lanjut"}  # a seller's price that looked like a slip: "change it anyway?"
SAVE_PROMO = YES | {"simpan"}
SEND_BROADCAST = YES | {"kirim", "jadwalkan", "gas"}
CONSENT_YES = YES | {"mau", "boleh", "mau dong", "boleh dong"}  # "promo messages?"
CONSENT_NO = NO | {"tidak usah", "ga usah", "gak usah", "nanti saja"}
CANCEL_ORDER_YES = YES | {"batalkan", "ya batalkan"}  # "cancel order KD-0042?"
# Accepting a delivery fee the seller quoted, said among polite words ("ok setuju kak", "lanjut bayar").
ACCEPT_FEE = frozenset({"setuju", "lanjut", "deal", "sepakat", "acc", "gas"})
ACCEPT_FEE_ALSO = frozenset({"bayar", "ongkir", "ongkirnya", "nya", "itu", "segitu"})
KEEP_PRICE = NO | {"bukan", "salah"}  # "change it anyway?" answered no

# "No note" at checkout: any plain no, or a skip.
NO_NOTE = NO | {"-", "tidak ada", "ga ada", "gak ada", "nggak ada", "skip", "lewati", "none"}

# A regular's shortcuts: the last order again, and the list of past orders (each with its own
# "again" button). "pesan" alone stays an order verb; only these whole phrases mean re-order.
REORDER = frozenset({"pesan lagi", "pesen lagi", "order lagi", "beli lagi", "pesan yang sama", "pesan yang kemarin",
                     "pesan seperti biasa", "seperti biasa", "yang biasa", "repeat order", "ulangi pesanan"})
ORDER_HISTORY = frozenset({"riwayat pesanan", "riwayat", "riwayat belanja", "history", "histori", "histori pesanan",
                           "pesanan lama", "pesanan sebelumnya", "/riwayat"})
# A customer asking for their loyalty stamps (marketing.loyalty).
MY_STAMPS = frozenset({"poin saya", "stempel saya", "poinku", "stempelku", "cek poin", "cek stempel", "poin",
                       "stempel", "kartu stempel", "stamp saya", "/poin", "/stempel"})
