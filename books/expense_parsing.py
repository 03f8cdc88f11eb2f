"""Money sentences a seller types: "beli gas 25rb", "gaji karyawan 1,5jt", "modal masuk 2jt".

Pure: text in, a MoneyNote (kind, guessed category, amount, note) out, or None when the
sentence is not about the shop's money, so the seller's router can try something else.
A sentence counts only when it has an amount and a money word (a verb such as "beli" or
"bayar", or a thing such as "bensin" or "listrik") comes first, after at most a few words of
time or filler ("tadi", "kemarin", "barusan"): "harga sambal bawang 18rb" stays a price change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from books.accounts import Category, Kind, kind_for
from language.numbers import MONEY_SLANG, parse_rupiah
from language.text import fold

# Words that may come before the money word without making the sentence something else.
LEADING = {"tadi", "td", "barusan", "baru", "kemarin", "kemaren", "kmrn", "kmarin", "pagi", "siang", "sore",
           "malam", "hari", "ini", "aku", "saya", "sy", "gue", "gw", "sudah", "udah", "udh", "sdh", "habis",
           "abis", "catat", "catet", "tolong", "mau", "mo", "dan", "terus", "trus", "lalu", "uang", "duit", "buat",
           "utk", "untuk", "bu", "pak", "kak"}
YESTERDAY = {"kemarin", "kemaren", "kmrn", "kmarin"}

# Verbs that make a sentence about money; on their own they say only which way it went.
SPEND_VERBS = {"beli", "bli", "membeli", "belanja", "blanja", "belanjain", "bayar", "byr", "bayarin", "membayar",
               "biaya", "keluar", "pengeluaran", "ongkos", "kulakan", "kulak", "isi", "servis", "service"}
RECEIVE_VERBS = {"terima", "trima", "dapat", "dapet", "pemasukan", "masuk"}

# Category words, tried in this order: the first category with a word in the sentence wins,
# so "gaji kurir" is wages and "ongkos kurir" transport. Two-word phrases are matched whole.
KEYWORDS: tuple[tuple[Category, frozenset[str]], ...] = (
    (Category.DRAWING, frozenset({"prive", "pribadi", "tarik", "narik", "ambil uang", "ambil kas", "keperluan rumah",
                                  "uang dapur", "buat keluarga", "jajan anak", "uang sekolah"})),
    (Category.CAPITAL, frozenset({"modal", "setor modal", "suntik modal", "tambah modal", "modal masuk"})),
    (Category.WAGES, frozenset({"gaji", "gajian", "upah", "honor", "karyawan", "pegawai", "thr", "lembur",
                                "asisten", "bonus karyawan", "jahit", "ongkos jahit", "penjahit", "upah jahit",
                                "obras", "borongan"})),
    (Category.RENT, frozenset({"sewa", "kontrakan", "kontrak", "kios", "lapak", "ruko", "stan", "stand", "booth"})),
    (Category.TRANSPORT, frozenset({"bensin", "bbm", "pertalite", "pertamax", "solar", "ongkir", "ongkos kirim",
                                    "kurir", "ojek", "ojol", "gojek", "grab", "maxim", "parkir", "tol", "transport",
                                    "transportasi", "angkot", "jne", "jnt", "sicepat", "anteraja", "kirim paket",
                                    "antar"})),
    (Category.RAW_MATERIALS, frozenset({"bahan", "bahan baku", "tepung", "terigu", "gula", "telur", "telor", "minyak",
                                        "beras", "daging", "ayam", "ikan", "sayur", "sayuran", "bumbu", "cabe", "cabai",
                                        "bawang", "mentega", "margarin", "keju", "susu", "santan", "kelapa",
                                        "singkong", "tempe", "tahu", "kemasan", "plastik", "dus", "kardus", "toples",
                                        "stiker", "label", "kulakan", "kulak", "stok barang", "restock",
                                        # what a batik, clothing or craft shop makes its goods from
                                        "kain", "benang", "kancing", "resleting", "sleting", "pewarna", "malam batik",
                                        "lilin", "canting", "kertas", "tinta", "lem", "manik", "kayu", "kulit",
                                        "bahan kain", "furing", "renda", "pita"})),
    (Category.OPERATIONAL, frozenset({"listrik", "pln", "token", "air", "pdam", "gas", "elpiji", "lpg", "internet",
                                      "wifi", "indihome", "pulsa", "kuota", "sabun", "alat", "peralatan", "perbaikan",
                                      "servis", "service", "iklan", "ads", "promosi", "admin", "atk", "fotokopi",
                                      "printer", "kebersihan", "sampah", "iuran", "retribusi", "keamanan",
                                      "operasional", "pajak"})),
    # Shopping with nothing more said is most often for what the shop sells or cooks.
    (Category.RAW_MATERIALS, frozenset({"belanja", "blanja", "belanjain", "pasar", "barang", "grosir"})),
)
OTHER_WORDS = frozenset({"lain", "lainnya", "lain2", "lain-lain"})

# Words naming a category, for "ganti ke gaji" and the like.
NAMES: dict[str, Category] = {
    "bahan": Category.RAW_MATERIALS, "bahan baku": Category.RAW_MATERIALS, "bb": Category.RAW_MATERIALS,
    "hpp": Category.RAW_MATERIALS, "operasional": Category.OPERATIONAL, "ops": Category.OPERATIONAL,
    "operasi": Category.OPERATIONAL, "gaji": Category.WAGES, "upah": Category.WAGES, "sewa": Category.RENT,
    "transport": Category.TRANSPORT, "transportasi": Category.TRANSPORT, "modal": Category.CAPITAL,
    "prive": Category.DRAWING, "pribadi": Category.DRAWING, "lain": Category.OTHER, "lainnya": Category.OTHER,
    "lain lain": Category.OTHER, "lain2": Category.OTHER,
}

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?|\d+(?:[.,]\d+)*")
_SUFFIX = r"(?:rb|ribu|rebu|k|jt|juta)\b"
_AMOUNT_TEXT = re.compile(
    r"\b(?:rp|idr)\.?\s*\d[\d.,]*(?:\s*" + _SUFFIX + r")?"
    r"|\b\d[\d.,]*\s*" + _SUFFIX + r"(?:\s*\d[\d.,]*\s*(?:rb|ribu|rebu|k)\b)?"
    r"|\b(?:\d{1,3}(?:[.,]\d{3})+|\d{4,})\b"
    r"|\b(?:\d+\s*)?(?:" + "|".join(MONEY_SLANG) + r")\b",
    re.IGNORECASE,
)
_MAX_AMOUNT = 10**12  # a trillion Rupiah is a typo, not a micro business's expense


@dataclass(frozen=True)
class MoneyNote:
    kind: Kind
    category: Category
    amount: int
    note: str  # the sentence without its amount: what the seller will read back
    guessed: bool  # False when no word named a category and lainnya was taken
    days_ago: int = 0  # "kemarin ..." happened yesterday (shop time)


def _phrases(words: list[str]) -> set[str]:
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


# Words that start a money sentence on their own. Ingredients do not ("tahu bulat 5rb" may be
# about a product): "beli tahu 5rb" does.
SIGNALS = SPEND_VERBS | RECEIVE_VERBS | {w for category, group in KEYWORDS for w in group
                                         if category != Category.RAW_MATERIALS}


def _first_signal(words: list[str]) -> int | None:
    """Index of the first money word, if only time and filler words stand before it."""
    for i, word in enumerate(words):
        if word in SIGNALS or " ".join(words[i:i + 2]) in SIGNALS:
            return i
        if word not in LEADING:
            return None
    return None


def guess_category(words: list[str]) -> Category | None:
    found = _phrases(words)
    for category, group in KEYWORDS:
        if found & group:
            return category
    return Category.OTHER if found & OTHER_WORDS else None


def category_named(text: str) -> Category | None:
    """The category a seller names with a word or two ("gaji", "bahan baku", "lain-lain")."""
    words = _WORD.findall(fold(text).replace("-", " "))
    joined = " ".join(words)
    if joined in NAMES:
        return NAMES[joined]
    return next((NAMES[w] for w in words if w in NAMES), None)


def _note(text: str) -> str:
    """The sentence without its amount and the time or filler words before the money word."""
    words = _AMOUNT_TEXT.sub(" ", text).split()
    while words and fold(words[0]).strip(",.") in LEADING:
        words.pop(0)
    return " ".join(words).strip(" ,.;:-")


def parse_money_sentence(text: str) -> MoneyNote | None:
    """The money a sentence records, or None when it is not a money sentence."""
    folded = fold(text)
    words = _WORD.findall(folded)
    start = _first_signal(words)
    if start is None:
        return None
    amount = parse_rupiah(text)
    if amount is None or not 0 < amount < _MAX_AMOUNT:
        return None
    category = guess_category(words[start:])
    money_in = bool(set(words[start:]) & RECEIVE_VERBS)
    guessed = category is not None
    category = category or Category.OTHER
    days_ago = 1 if set(words[:start]) & YESTERDAY else 0
    return MoneyNote(kind_for(category, money_in), category, amount, _note(text), guessed, days_ago)
