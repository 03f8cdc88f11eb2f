"""A seller's message that no seller command takes stays the seller's: the commands closest to
what they typed, with examples from their own catalog; never the customer flows ("kuota harian
dimsum 10" must not put ten dimsum in the seller's own cart). A seller who wants to shop says so
("mode pembeli"), and says "mode penjual" to come back; meanwhile what no seller command takes
goes to the customer flows.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from conversations.base import Button, Reply, Step, Turn
from conversations.examples import fill
from conversations.seller import lists
from conversations.seller.common import idle, words
from conversations.seller.ports import SellerCtx
from language.words import BUYER_MODE, GREETING_WORDS, SELLER_MODE, politeness
from texts.id import seller as t
from texts.id import seller_how as how_texts

SHOPPING = "shopping"  # the seller's conversation data: True while they shop as a buyer

# The seller's commands: the words that start one, and an example (filled from the shop's catalog).
COMMANDS: tuple[tuple[str, str], ...] = (
    ("stok", "stok {product} 20"),
    ("stok tambah", "stok +10 {product2}"),
    ("habis", "{low} habis"),
    ("cek stok", "cek stok"),
    ("harga", "harga {product} 25rb"),
    ("harga naik", "harga {product2} naik 2rb"),
    ("produk baru", "produk baru Nama Barang 35rb stok 10"),
    ("sembunyikan", "sembunyikan {low}"),
    ("tampilkan", "tampilkan {low}"),
    ("batas stok", "batas stok {product} 3"),
    ("pesanan hari ini", "pesanan hari ini"),
    ("belum bayar", "belum bayar"),
    ("perlu dikirim", "perlu dikirim"),
    ("lunas", "lunas {code}"),
    ("tolak", "tolak {code} alasannya"),
    ("proses", "proses {code}"),
    ("kirim resi", "kirim {code} JNE resi"),
    ("selesai", "selesai {code}"),
    ("batal", "batal {code}"),
    ("ongkir", "ongkir {code} 25rb jne"),
    ("rekap", "rekap"),
    ("rekap kemarin", "rekap kemarin"),
    ("rekap minggu ini", "rekap minggu ini"),
    ("promo baru", "promo baru"),
    ("broadcast baru", "broadcast baru"),
    ("laporan broadcast", "broadcast laporan"),
    ("undang staf", "undang staf"),
    ("info toko", "info toko"),
    ("atur toko", "atur toko"),
    ("ganti alamat", "ganti alamat Jl. Contoh No. 1"),
    ("ganti jam buka", "ganti jam buka Senin-Sabtu 08.00-20.00"),
    ("faq", "faq: halal? = Semua produk kami halal MUI"),
    ("mode pembeli", "mode pembeli"),
)
NEAR_CUTOFF = 70
SHOWN = 3


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    """Switches between shopping and selling when the seller says so; else None."""
    if turn.choice:
        return None
    said = words(turn.text)
    if said in SELLER_MODE and data.get(SHOPPING):
        back = lists.help_({k: v for k, v in data.items() if k != SHOPPING}, ctx)
        back.replies.insert(0, Reply(t.BUYER_MODE_OFF))
        return back
    if said in BUYER_MODE and not data.get(SHOPPING):
        buttons = [Button(t.BTN_BUYER_CATALOG, "catalog"), Button(t.BTN_BUYER_SEARCH, "search"),
                   Button(t.BTN_BUYER_CART, "cart")]
        return idle({**data, SHOPPING: True}, Reply(t.BUYER_MODE_ON.format(code=f"{ctx.shop.order_prefix}-0042"), buttons))
    return None


def near(text: str, limit: int = SHOWN) -> list[str]:
    """The example commands whose words come closest to the words typed (a typo, another form
    of the word: "promosi" is near "promo", "lunasin" near "lunas"), best first."""
    said = [w for w in words(text).split() if len(w) >= 3 and w.isalpha()]
    if not said:
        return []
    scored: list[tuple[float, int]] = []
    for i, (key, _) in enumerate(COMMANDS):
        best = max(process.extractOne(w, key.split(), scorer=fuzz.ratio)[1] for w in said)
        prefix = max((100.0 for w in said for k in key.split() if len(k) >= 4 and w.startswith(k)), default=0.0)
        scored.append((max(best, prefix), i))
    best_first = sorted((s for s in scored if s[0] >= NEAR_CUTOFF), key=lambda s: (-s[0], s[1]))
    return [COMMANDS[i][1] for _, i in best_first[:limit]]


def unknown(data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step:
    """what no seller command took: the closest commands, with the shop's own examples; an "ok"
    or a "makasih" (an older seller answering the bot as a person) is answered as chat."""
    polite = politeness(turn.text)
    if polite == "hello" and GREETING_WORDS & set(words(turn.text).split()):  # "pagi kak", "assalamualaikum bu"
        return lists.help_(data, ctx)
    if polite in ("thanks", "hello"):
        return idle(data, Reply(how_texts.THANKS if polite == "thanks" else how_texts.ACK))
    text = " ".join(turn.text.split())[:60]
    examples = near(turn.text) or [COMMANDS[0][1], COMMANDS[4][1], COMMANDS[10][1]]
    filled = [fill(e, ctx.examples, code=f"{ctx.shop.order_prefix}-0042") for e in examples]
    lines = "\n".join(t.UNKNOWN_LINE.format(example=e) for e in filled)
    body = (t.UNKNOWN.format(text=text) + "\n\n" if text else "") + t.UNKNOWN_NEAR.format(lines=lines)
    buttons = [Button(t.BTN_STOCK, lists.STOCK_BUTTON.pack()), Button(t.BTN_TODAY, lists.TODAY_BUTTON.pack()),
               Button(t.BTN_RECAP, lists.RECAP_BUTTON.pack())]
    return idle(data, Reply(f"{body}\n\n{t.UNKNOWN_MORE}", buttons))
