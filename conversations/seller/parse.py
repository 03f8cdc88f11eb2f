"""What a seller's stock, price and visibility message says, before any product is looked up.

Sellers type the way they talk: "stok rendang tinggal 5", "harga kering tempe naik 2rb",
"nastar laku 3", "rendang habis". The message is cut into words, each word is a keyword,
a number, or part of the product name, and the keywords decide the action. Pure: no
catalog here; the product words go to the catalog search afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from language.numbers import Number, read_number
from language.options import LEVEL_WORDS, is_option_number
from language.text import FILLER_WORDS, UNITS, fold, normalize
from language.words import ORDER_WORDS, QUESTION_WORDS

STOCK = {"stok", "stock", "setok", "stk", "stoc", "stck", "sotk", "stokk", "stoknya", "stocknya", "setoknya",
         "persediaan"}
PRICE = {"harga", "hrg", "hrga", "harag", "haraga", "hraga", "harganya", "hargany", "price"}
SET = {"jadi", "jd", "jdi", "jadiin", "menjadi", "tinggal", "tgl", "tinggalnya", "sisa", "sisanya", "ada", "sekarang",
       "skrg", "skg", "ubah", "ganti", "diubah", "diganti", "set", "update", "ke", "cuma", "cuman", "ready", "redy",
       "tersedia"}
REMAINING = {"tinggal", "tgl", "tinggalnya", "sisa", "sisanya",  # speaks of stock even without "stok"
             "ready", "redy", "tersedia"}  # "bolu gulung ready 10"
ADD = {"tambah", "tambahin", "tambahkan", "ditambah", "nambah", "plus", "masuk",
       "datang", "dateng", "dtg"}  # "daster biru dateng 10": ten more came in
SUB = {"kurang", "kurangi", "kurangin", "dikurangi", "ngurangin", "minus", "keluar"}
SOLD = {"laku", "terjual", "kejual", "restok", "restock"}  # seller-only words, so anywhere in the message
UP = {"naik", "naikin", "naikkan", "naikan", "dinaikkan", "dinaikin", "dinaikan"}
DOWN = {"turun", "turunin", "turunkan", "diturunkan", "diturunin"}
EMPTY = {"habis", "abis", "hbs", "kosong", "ksg", "soldout", "kosongin", "kosongkan", "dikosongin", "dikosongkan",
         "abiss", "habiss", "entek", "enthek", "ludes", "sold"}
TO = {"jadi", "jd", "jdi", "menjadi", "jadiin"}  # "naik jadi 130rb": the new value, not a step
HIDE = {"sembunyikan", "sembunyiin", "umpetin", "hide", "nonaktifkan", "nonaktif", "matikan", "arsipkan"}
SHOW = {"tampilkan", "tampilin", "munculkan", "munculin", "aktifkan", "show", "unhide"}
THRESHOLD = {"batas", "minimal", "minimum", "peringatan", "alert", "limit", "ambang"}
EXTRA_FILLERS = {"nya", "untuk", "buat", "utk", "produk", "barang", "rupiah", "rp", "idr", "dari", "yang", "menu",
                 "tolong", "dong", "ya", "kak", "bu", "pak", "mas", "mbak", "harap", "mohon", "sudah", "udah",
                 "udh", "sdh", "dah", "cek", "lagi", "aja", "saja", "biji", "unit", "berapa", "brp", "masih", "msh",
                 "atau", "dan", "sama", "baru", "dulu", "sekarang"}
KEYWORDS = STOCK | PRICE | SET | ADD | SUB | SOLD | UP | DOWN | EMPTY | HIDE | SHOW | THRESHOLD

_SIGNED = re.compile(r"(?<![\w.,])([+-])\s?(?=\d)")
_PHRASES = {"sold out": "soldout", "ga ada": "habis", "gak ada": "habis", "tidak ada": "habis", "nggak ada": "habis",
            "ada lagi": "sisa", "ready lagi": "sisa", "masih ada": "stok", "masih ready": "stok"}
# "udah ada lagi 5", "ready lg 20": that many in stock again; "basreng masih ada brp": its stock, asked
_CODE = re.compile(r"[A-Za-z]{2,5}-\d")  # an order code ("KD-0042"), not a product and a number
_UNIT_TOKEN = re.compile(r"\d+(?:\.\d+)?(?:" + "|".join(set(UNITS.values())) + ")")
_PIECES = re.compile(r"\d+(?:\.\d+)*|[a-z]+")


@dataclass(frozen=True)
class Command:
    """A parsed stock/price/visibility command. `problem` set means: say so, change nothing."""

    action: str  # stock_set stock_add stock_sub price_set price_add price_sub hide show threshold
    query: str = ""
    amount: int | None = None
    bare: bool = False  # a price written without Rp/rb: "85" may mean Rp85.000
    question: bool = False  # "rendang habis?" asks, it does not tell
    direction: str | None = None  # "up" or "down": "naik jadi 130rb" said which way the price goes
    problem: str | None = None  # not_whole, two_numbers, money_for_stock, percent, empty_and_number
    unsure: bool = False  # "keripik tempe 30": a product and a number only, so the stock is asked about first
    ref: str | None = None  # action "image": the photo's channel reference


def words_of(text: str) -> list[str]:
    """Seller text as words: folded, slang and units unified, signs spelt out, digits apart from letters."""
    text = fold(text)
    text = _SIGNED.sub(lambda m: " plus " if m[1] == "+" else " minus ", text)
    text = normalize(text)  # shorthand first, so "ada lg 10" is "ada lagi 10"
    for phrase, word in _PHRASES.items():
        text = re.sub(rf"\b{phrase}\b", word, text)
    out: list[str] = []
    for token in text.split():
        out.extend([token] if _UNIT_TOKEN.fullmatch(token) else _PIECES.findall(token))
    return out


def _names_option(words: list[str], number: Number, sizes: frozenset[int]) -> bool:
    """A number that is part of the product's name: a level ("sambal level 5"), or one of the
    shop's sizes right after a product word ("kastengel 500 sisa 4", "harga nastar 500 90rb")."""
    if number.start == 0 or number.money or number.whole is None:
        return False
    before = words[number.start - 1]
    if before in LEVEL_WORDS:
        return True
    return (is_option_number(number.whole, sizes) and before.isalpha() and before not in KEYWORDS
            and before not in FILLER_WORDS and before not in EXTRA_FILLERS)


def numbers_in(words: list[str], sizes: frozenset[int] = frozenset()) -> tuple[list[Number], set[int]]:
    """Free numbers (amounts) and the word positions they take; "isi 10" and a size stay in the name."""
    found: list[Number] = []
    taken: set[int] = set()
    i = 0
    while i < len(words):
        number = read_number(words, i) if words[i] not in KEYWORDS or words[i] in ("rp", "idr") else None
        if number is None or (i > 0 and words[i - 1] == "isi") or _names_option(words, number, sizes):
            i += 1 if number is None else number.end - i
            continue
        found.append(number)
        taken.update(range(number.start, number.end))
        i = number.end
    return found, taken


def parse(text: str, sizes: frozenset[int] = frozenset()) -> Command | None:
    """The command in `text`, or None when it is not a stock/price/visibility command at all.
    `sizes`: the shop's size numbers (the desk's), kept in the product's name."""
    words = words_of(text)
    if not words:
        return None
    present = set(words)
    question = text.strip().endswith("?")
    numbers, taken = numbers_in(words, sizes)
    query = " ".join(w for i, w in enumerate(words) if i not in taken and w not in KEYWORDS
                     and w not in FILLER_WORDS and w not in EXTRA_FILLERS)
    if present & HIDE or present & SHOW:
        return Command("hide" if present & HIDE else "show", query, question=question)
    action = _action(words, present)
    target = _target(words, numbers)
    if action is None and target is not None and query:
        action = "stock_set"  # "dimsum ayam baru jadi 15 pack"
    if action is None and not question and query and _bare_count(words, numbers, taken) and not _CODE.search(text):
        # "keripik tempe 30": likely the stock, but a seller may shop too; read back and asked first
        return _amount(Command("stock_set", query, unsure=True), numbers)
    if action is None:
        return None
    direction = "up" if present & UP else "down" if present & DOWN else None
    cmd = Command(action, query, question=question, direction=direction)
    if target is not None:  # "naik jadi 130rb", "15rb jadi 16rb", "naik 2 ribu jadi 20rb": set to the value after "jadi"
        kind = "price" if action.startswith("price") else "stock" if action.startswith("stock") else None
        if kind is not None:
            if target.start > 0 and words[target.start - 1] == "minus":
                return _with(cmd, action=f"{kind}_set", problem="negative")
            numbers = [target]
            cmd = _with(cmd, action=f"{kind}_set")
    if "%" in text or "persen" in present:
        return _with(cmd, problem="percent")
    if action == "stock_set" and present & EMPTY:
        if numbers:  # "rendang habis 5": sold out, or five left?
            return _with(cmd, amount=numbers[0].whole, problem="empty_and_number")
        return _with(cmd, amount=0)
    return _amount(cmd, numbers)


def _bare_count(words: list[str], numbers: list[Number], taken: set[int]) -> bool:
    """Only product words and, last, one whole number that is no money: "keripik tempe 30"."""
    if len(numbers) != 1 or numbers[0].money or numbers[0].whole is None or numbers[0].end != len(words):
        return False
    if set(words) & (KEYWORDS | ORDER_WORDS | QUESTION_WORDS):  # "pesan nastar 2" is the seller shopping
        return False
    return all(w.isalpha() or w.isdigit() or _UNIT_TOKEN.fullmatch(w) for w in words[:numbers[0].start])


def _target(words: list[str], numbers: list[Number]) -> Number | None:
    """The number right after "jadi" (a "minus" between them kept visible), if any."""
    for i, word in enumerate(words):
        if word in TO:
            at = i + 2 if i + 1 < len(words) and words[i + 1] == "minus" else i + 1
            return next((n for n in numbers if n.start == at), None)
    return None


def _action(words: list[str], present: set[str]) -> str | None:
    first = words[0]
    if present & THRESHOLD and (present & STOCK or first in THRESHOLD):
        return "threshold"
    price_at = min((i for i, w in enumerate(words) if w in PRICE), default=None)
    stock_at = min((i for i, w in enumerate(words) if w in STOCK), default=None)
    if price_at is not None and (stock_at is None or price_at < stock_at):
        return "price_sub" if present & DOWN or "minus" in present else (
            "price_add" if present & UP or "plus" in present else "price_set")
    if stock_at is None and present & (UP | DOWN) and not present & (ADD | SUB | SOLD):
        return "price_add" if present & UP else "price_sub"
    # Generic add/remove words open a customer's cart edit too ("kurangi 1 nastar"), so
    # without "stok" they count only after the product name ("nastar tambah 10").
    later = set(words[1:])
    adds = present & {"plus", "restok", "restock"} or later & ADD or (stock_at is not None and present & ADD)
    subs = present & {"minus", "laku", "terjual", "kejual"} or later & SUB or (stock_at is not None and present & SUB)
    if adds and not subs:
        return "stock_add"
    if subs and not adds:
        return "stock_sub"
    if stock_at is not None or present & EMPTY or present & REMAINING:
        return "stock_set"
    return None


def _amount(cmd: Command, numbers: list[Number]) -> Command:
    """Picks the one amount; refuses two of them, fractions, money given as a stock."""
    if cmd.action.startswith("price"):
        marked = [n for n in numbers if n.money]
        numbers = marked if len(marked) == 1 else numbers
    if not numbers:
        return cmd  # no amount: the seller is shown the product's stock and price
    if len(numbers) > 1:
        return _with(cmd, problem="two_numbers")
    number = numbers[0]
    if number.whole is None:
        return _with(cmd, problem="not_whole")
    if not cmd.action.startswith("price") and number.money:
        return _with(cmd, problem="money_for_stock")
    return _with(cmd, amount=number.whole, bare=cmd.action.startswith("price") and not number.money)


def _with(cmd: Command, **changes: object) -> Command:
    return Command(**{**cmd.__dict__, **changes})  # type: ignore[arg-type]
