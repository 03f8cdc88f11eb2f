"""A seller asking how to do something ("caranya gimana?", "gmn cara nambah barang", "bingung
kak"), and what about, read from their words. Older sellers ask this at any point, also in the
middle of a question the bot asked, where the words must not be taken as the answer (a product
named "Caranya Gimana?")."""

from __future__ import annotations

import re

from language.text import fold

HOW_WORDS = frozenset({"cara", "caranya", "carane", "gimana", "gmn", "gmana", "gimn", "bagaimana", "bgmn", "gimane",
                       "piye", "pripun", "kumaha"})
LOST = re.compile(r"\b(?:bingung|(?:ga|gak|nggak|ngga|tidak|tdk|gk|g) (?:ngerti|paham|mudeng|tau|tahu))\b")
# Words that may stand around a how-word without making it a command's text ("terus gimana kak?").
AROUND = frozenset({"kak", "ka", "ya", "yah", "sih", "dong", "nih", "ini", "itu", "terus", "trus", "lalu", "abis",
                    "habis", "ini", "min", "bu", "pak", "mas", "mbak", "mba", "ya", "yg", "yang", "sy", "saya",
                    "aku", "mau", "pakai", "pake", "make", "bot", "nya", "selanjutnya", "tolong", "jadi", "jd"})
# What the question is about, by the words that name it; the first that fits wins.
TOPICS: tuple[tuple[str, frozenset[str]], ...] = (
    ("photo", frozenset({"foto", "gambar", "photo", "poto"})),
    ("price", frozenset({"harga", "hrg", "hrga", "harganya"})),
    ("new_product", frozenset({"produk", "barang", "menu", "item", "jualan", "dagangan", "nambah", "tambah",
                               "masukin", "masukkan", "upload"})),
    ("stock", frozenset({"stok", "stock", "setok", "stoknya"})),
    ("books", frozenset({"laporan", "pembukuan", "keuangan", "rekap", "catat", "nyatat", "pengeluaran", "untung",
                         "laba", "omzet", "omset", "buku"})),
    ("orders", frozenset({"pesanan", "order", "orderan", "lunas", "bayar", "kirim", "resi", "transfer"})),
    ("delivery", frozenset({"ongkir", "antar", "area", "pengiriman"})),
)
TOPIC_WORDS = frozenset().union(*(named for _, named in TOPICS))
MAX_WORDS = 8  # longer is a message with a how-word in it, not a question how


def asks_how(text: str) -> str | None:
    """The topic ("price", "new_product", ...; "" for none) when the text asks how to do
    something; None when it does not."""
    said = re.sub(r"[^a-z ]+", " ", fold(text)).split()
    if not said or len(said) > MAX_WORDS or re.search(r"\d", text):
        return None
    how = [w for w in said if w in HOW_WORDS]
    if not how and not LOST.search(" ".join(said)):
        return None
    topic = next((name for name, named in TOPICS if any(w in named for w in said)), "")
    if not {"cara", "caranya", "carane"} & set(said) and not LOST.search(" ".join(said)):
        # "gimana" without "cara" asks how only among chat and topic words: not "gimana rasanya",
        # not "stok nastar gimana" (the stock of nastar)
        if any(w not in HOW_WORDS and w not in AROUND and w not in TOPIC_WORDS for w in said):
            return None
    return topic
