"""Quantities, Rupiah amounts and order lines out of Indonesian chat text.

Pure functions: no catalog knowledge. Product names come back normalised so they can
go straight into `SearchIndex.resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from language.options import LEVEL_WORDS, OPTION_WORDS, is_option_number, measure, size
from language.text import FILLER_WORDS, UNITS, canonical_measures, fold, normalize

_DIGITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
           "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
           # Javanese (ngoko and krama) and Sundanese: "tumbas nastar kalih", "putri salju hiji"
           "siji": 1, "setunggal": 1, "hiji": 1, "loro": 2, "kalih": 2, "telu": 3, "tilu": 3,
           "papat": 4, "sekawan": 4, "opat": 4, "limo": 5, "gangsal": 5}
_SE_NUMBERS = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000}
_MULTIPLIERS = {"puluh": 10, "ratus": 100}
_BIG = {"ribu": 1_000, "juta": 1_000_000}
# "se" + a counting word means one of it; listed rather than matched as a prefix
# because "se-" also starts ordinary words ("sedang", "selai", "segar").
_SE_ONE = {"sebiji", "sebungkus", "sepack", "sepak", "sebuah", "sebotol", "setoples",
           "seporsi", "sekotak", "sebox", "sepotong", "sepcs", "sebks", "secup", "sekor", "seekor",
           "selembar", "sepiring", "segelas"}

# A number followed by one of these is a size or a price, not a quantity.
# (A lone "l" after a number is a clothing size L, not a litre: language.text.)
_NOT_QUANTITY_AFTER = (set(UNITS) - {"l"}) | {"rb", "ribu", "rebu", "k", "jt", "juta", "rp", "persen"}

# A measure ("500g", "1l": language.text.canonical_measures) is one word, never a number.
_TOKEN = re.compile(r"\d+(?:\.\d+)?(?:kg|ml|g|l)\b|-?\d+(?:[.,]\d+)*|[a-z]+")
# Commas and dots between digits are thousands or decimals, not separators.
_SEPARATORS = re.compile(
    r"\n|;|\+|&|(?<!\d),|,(?!\d)|\.(?!\d)|\b(?:sama|dan|ama|sm|terus|trus|serta)\b"
)
_MAX_DIGITS = 15  # longer digit runs are phone or account numbers, never amounts


def _int_token(token: str) -> int | None:
    """Whole number in a digit token; "1.000" is a thousand, "1,5" is not whole."""
    sign, body = (-1, token[1:]) if token.startswith("-") else (1, token)
    if sum(ch.isdigit() for ch in body) > _MAX_DIGITS:
        return None
    if body.isdigit():
        return sign * int(body)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", body):
        return sign * int(re.sub(r"[.,]", "", body))
    return None


def _number_words(words: list[str], start: int) -> tuple[int, int] | None:
    """Reads Indonesian number words at `start` -> (value, end index) or None."""
    total, small, pending, i = 0, 0, None, start
    while i < len(words):
        word = words[i]
        if word in _DIGITS:
            if pending is not None:
                break  # "dua tiga" is two answers, not one number
            pending = _DIGITS[word]
        elif word == "belas" and pending is not None:
            small, pending = small + 10 + pending, None
        elif word in _MULTIPLIERS and pending is not None:
            small, pending = small + pending * _MULTIPLIERS[word], None
        elif word in _SE_NUMBERS and pending is None:
            if word == "seribu":
                total, small = total + small + 1000, 0
            else:
                small += _SE_NUMBERS[word]
        elif word in _BIG and (pending is not None or small):
            total, small, pending = total + (small + (pending or 0)) * _BIG[word], 0, None
        else:
            break
        i += 1
    if i == start:
        return None
    return total + small + (pending or 0), i


# Words after which a number names the option, not a quantity: "yang 250" is the 250g one.
_OPTION_REFERENCE = OPTION_WORDS | {"yang", "yg", "yng"}


def _names_option(words: list[str], start: int, value: int, sizes: frozenset[int]) -> bool:
    """Whether the number at words[start] belongs to the product: a level ("level 5"), or one of
    the shop's sizes right after a product word ("nastar 500") or after "yang" ("yg 250")."""
    if start == 0:
        return False
    before = words[start - 1]
    if before in LEVEL_WORDS:
        return True
    if not is_option_number(value, sizes):
        return False
    return before in _OPTION_REFERENCE or (before.isalpha() and before not in FILLER_WORDS)


def _quantity_at(words: list[str], i: int, sizes: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """A quantity phrase starting at words[i] -> (value, end index) or None."""
    word = words[i]
    if word in _SE_ONE:
        return 1, i + 1
    if word == "selusin":
        return 12, i + 1
    if word == "sepasang":  # a pair: two of them ("daster sepasang buat ibu sama mertua")
        return 2, i + 1
    if word == "setengah" and i + 1 < len(words) and words[i + 1] == "lusin":
        return 6, i + 2
    start = i + 1 if word == "x" and i + 1 < len(words) else i  # "x2"
    value = _int_token(words[start])
    if value is not None:
        if start > 0 and words[start - 1] == "isi":
            return None  # "isi 10" is the pack size, part of the product name
        if _names_option(words, start, value, sizes):
            return None
        end = start + 1
    else:
        parsed = _number_words(words, start)
        if parsed is None:
            return None
        value, end = parsed
    if end < len(words) and words[end] in _NOT_QUANTITY_AFTER:
        return None
    if end < len(words) and words[end] == "lusin":
        value, end = value * 12, end + 1
    return value, end


def _words(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def parse_quantity(text: str) -> int | None:
    """First quantity in `text` ("2x", "dua puluh", "selusin"); negatives kept as negative."""
    words = _words(text)
    for i in range(len(words)):
        found = _quantity_at(words, i)
        if found is not None:
            return found[0]
    return None


def bare_quantity(text: str) -> int | None:
    """The quantity of a message that is only a quantity among chat words ("ok kak ambil 1",
    "yaudah 6 aja", "2 nggih"): the answer to "berapa?". None when other words could name a product."""
    words = _words(canonical_measures(fold(text)))
    found, i = None, 0
    while i < len(words):
        if (quantity := _quantity_at(words, i)) is not None and found is None:
            found, i = quantity[0], quantity[1]
        elif _filler(words[i]):
            i += 1
        else:
            return None
    return found


_AMOUNT = re.compile(
    r"(?P<prefix>\b(?:rp|idr)\.?\s*)?"
    r"(?P<number>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?)"
    r"\s*(?P<suffix>(?:rb|ribu|rebu|k|jt|juta)\b)?"
)
# "500g" or "2 pcs" next to a bare number says it is a size or a count, not money.
_UNIT_AFTER = re.compile(r"\s*(?:" + "|".join(UNITS) + r"|pcs|x|%|lusin|bungkus|dus|karung|botol|kotak|ikat|biji|"
                         r"buah|porsi|pack|sak|galon|tabung|ekor|lembar)\b")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_SCALE = {"rb": 1_000, "ribu": 1_000, "rebu": 1_000, "k": 1_000, "jt": 1_000_000,
          "juta": 1_000_000}


def _decimal(number: str) -> Decimal | None:
    """Reads "15.000", "15,000", "15.000,00", "1,5": a 3-digit group is thousands."""
    parts = re.split(r"[.,]", number)
    if len(parts) > 1 and len(parts[-1]) != 3:
        whole, fraction = "".join(parts[:-1]), parts[-1]
    else:
        whole, fraction = "".join(parts), ""
    try:
        return Decimal(f"{whole}.{fraction or 0}")
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None


_GAP = re.compile(r"\s*")


def _scaled(match: re.Match[str]) -> int | None:
    if sum(ch.isdigit() for ch in match["number"]) > _MAX_DIGITS:
        return None
    value = _decimal(match["number"])
    if value is None:  # pragma: no cover - the regex only lets digits through
        return None
    return int((value * _SCALE.get(match["suffix"] or "", 1)).quantize(Decimal(1), ROUND_HALF_UP))


def _thousands_after(folded: str, match: re.Match[str]) -> int:
    """The "200rb" of "1jt 200rb": a thousands amount right after a millions one adds to it."""
    if match["suffix"] not in ("jt", "juta"):
        return 0
    following = _AMOUNT.match(folded, _GAP.match(folded, match.end()).end())  # type: ignore[union-attr]
    if following is None or following["prefix"] or following["suffix"] not in ("rb", "ribu", "rebu", "k"):
        return 0
    amount = _scaled(following)
    return amount if amount is not None and amount < 1_000_000 else 0


def _slang_amount(words: list[str]) -> int | None:
    """ "goceng" is 5.000 and "2 ceban" 20.000: money slang, with a count before it or not."""
    for i, word in enumerate(words):
        if word in MONEY_SLANG:
            count = _int_token(words[i - 1]) if i > 0 else None
            if count is None and i > 0 and words[i - 1] in _DIGITS:
                count = _DIGITS[words[i - 1]]
            return MONEY_SLANG[word] * (count if count and 0 < count < 1000 else 1)
    return None


def parse_rupiah(text: str) -> int | None:
    """Whole Rupiah in `text` ("Rp 15.000", "15rb", "1,5jt", "1jt 200rb", "2 ceban"); marked
    amounts win over bare numbers, and a bare number written in thousands ("45.000") over a plain one."""
    folded = fold(text)
    bare, grouped = None, None
    for match in _AMOUNT.finditer(folded):
        amount = _scaled(match)
        if amount is None:
            continue
        if match["prefix"] or match["suffix"]:
            return amount + _thousands_after(folded, match)
        if _UNIT_AFTER.match(folded, match.end()):
            continue
        if grouped is None and _GROUPED.fullmatch(match["number"]):
            grouped = amount
        if bare is None:
            bare = amount
    slang = _slang_amount(_words(folded))
    if slang is not None:
        return slang
    if grouped is not None:
        return grouped
    if bare is None:
        words = _words(folded)
        for i in range(len(words)):
            parsed = _number_words(words, i)
            if parsed is not None and words[parsed[1] - 1] in {*_BIG, "seribu"}:
                return parsed[0]  # "lima belas ribu"; a lone "dua" is not a price
    return bare


@dataclass(frozen=True)
class OrderLine:
    """One product wanted in a free-text order."""

    qty: int
    name: str  # normalised: ready for the catalog search
    counted: bool = True  # a quantity was written (else 1 is assumed)
    option_only: bool = False  # only an option was named ("yg 250", "L"): the product of the line before


def _option_word(word: str, sizes: frozenset[int]) -> bool:
    return size(word) is not None or measure(word) is not None or (word.isdigit() and is_option_number(int(word), sizes))


def _only_options(tokens: list[str], sizes: frozenset[int]) -> bool:
    """Every word names an option: a size (also S, M, L), a measure, a shop's size number, a level."""
    tokens = [t for t in tokens if t not in OPTION_WORDS]  # "ukuran L" is the option L
    if not tokens:
        return False
    for i, token in enumerate(tokens):
        level = (token in LEVEL_WORDS and i + 1 < len(tokens) and tokens[i + 1].isdigit()) or (
            token.isdigit() and i > 0 and tokens[i - 1] in LEVEL_WORDS)
        if not (level or _option_word(token, sizes)):
            return False
    return True


def _item(words: list[str], qty: int | None, sizes: frozenset[int]) -> OrderLine | None:
    name = " ".join(t for t in normalize(" ".join(words)).split() if t not in FILLER_WORDS)
    tokens = name.split()
    if _only_options(tokens, sizes):
        return OrderLine(1 if qty is None else qty, name, qty is not None, option_only=True)
    if any(len(token) > 1 and not token[0].isdigit() for token in tokens):
        return OrderLine(1 if qty is None else qty, name, qty is not None)
    return None


def _filler(word: str) -> bool:
    """A word of the conversation, also when stretched ("kaa", "yaa") or spelled as slang."""
    return word in FILLER_WORDS or normalize(word) in FILLER_WORDS


def _split_segment(words: list[str], sizes: frozenset[int]) -> list[OrderLine]:
    """Items of one segment; quantities may lead ("2 a 1 b") or trail ("a 2 b 1")."""
    spans: list[tuple[int, int, int]] = []  # (start, end, value)
    i = 0
    while i < len(words):
        found = _quantity_at(words, i, sizes)
        if found is None:
            i += 1
            continue
        spans.append((i, found[1], found[0]))
        i = found[1]
    items = []
    if spans and all(_filler(w) for w in words[: spans[0][0]]):
        bounds = [s[0] for s in spans[1:]] + [len(words)]
        for (_, end, value), stop in zip(spans, bounds):
            items.append(_item(words[end:stop], value, sizes))
    elif spans and all(_filler(w) for w in words[spans[-1][1]:]):
        begin = 0
        for start, end, value in spans:
            items.append(_item(words[begin:start], value, sizes))
            begin = end
    else:
        items.append(_item(words, None, sizes))
    return [item for item in items if item is not None]


# "1) nastar keju - 2", "2. kastengel 1": the number of a list's line, never a quantity.
_LIST_NUMBER = re.compile(r"(?m)^\s*(?:no\.?\s*)?\d{1,2}\s*[).]\s+(?=\D)")
# "... masing-masing 2", "masing2 1", "@2": one quantity for every product named before it.
_EACH = re.compile(r"\b(?:masing(?:\s*-\s*masing|\s*2|\s+masing)?|tiap(?:\s*-\s*tiap)?|per\s*item|@)\s*"
                   r"(\d{1,3}|[a-z]+(?:\s+(?:belas|puluh))?)\b")
# "buat ibu sama mertua", "untuk kado": who or what it is for, never another product.
_FOR_WHOM = re.compile(r"\b(?:buat|untuk|utk|bwt)\s+(?:ibu|bapak|ayah|mama|papa|mertua|anak|suami|istri|adik|kakak|"
                       r"teman|temen|saudara|keluarga|kado|hadiah|oleh|acara|arisan|lebaran|sendiri|kantor)\b[^\n]*")


def order_lines(text: str, sizes: frozenset[int] = frozenset()) -> list[OrderLine]:
    """Order lines in free text. `sizes` are the shop's size numbers (catalog): "nastar 500 2"
    is two of the 500g one, "rendang 250 dua" two of the 250g one, "sambal level 5 satu" one of
    level 5; "1/2 kg" and "setengah kilo" are 500g. A line naming only an option ("yg 250
    satu", "sama L 1") is marked `option_only`: it speaks of the product of the line before.
    A list's numbers ("1) nastar - 2") are not quantities; "masing-masing 2" counts each one."""
    folded = _FOR_WHOM.sub(" ", _LIST_NUMBER.sub("", canonical_measures(fold(text))))
    each = None
    if (match := _EACH.search(folded)) is not None and (qty := parse_quantity(match.group(1))) is not None:
        each, folded = qty, folded[: match.start()] + folded[match.end():]
    items: list[OrderLine] = []
    for segment in _SEPARATORS.split(folded):
        words = _words(segment)
        if words:
            items.extend(_split_segment(words, sizes))
    if each is not None and each > 0:
        items = [item if item.counted else OrderLine(each, item.name, True, item.option_only) for item in items]
    return items


def split_order_text(text: str, sizes: frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """Order lines in free text -> [(qty, normalised name)]; a missing qty means 1. Lines that
    name only an option are left out here (see `order_lines`)."""
    return [(line.qty, line.name) for line in order_lines(text, sizes) if not line.option_only]


# Jakarta money slang, common in sellers' chat: "naik goceng" is five thousand up.
MONEY_SLANG = {"seceng": 1_000, "ceceng": 1_000, "noceng": 2_000, "goceng": 5_000, "ceban": 10_000,
               "goban": 50_000}
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Number:
    """A number read out of chat words: where it sits and whether it was written as money."""

    value: Decimal
    start: int
    end: int  # index after its last word
    money: bool  # "Rp" before, rb/ribu/k/jt after, or money slang

    @property
    def whole(self) -> int | None:
        return int(self.value) if self.value == self.value.to_integral_value() else None


def read_number(words: Sequence[str], i: int) -> Number | None:
    """The number starting at words[i], with digits and letters as separate words
    (["rp", "18.000"], ["1.5", "jt"], ["dua", "puluh"], ["selusin"], ["goceng"])."""
    j, money = i, False
    if words[j] in ("rp", "idr") and j + 1 < len(words):
        j, money = j + 1, True
    word = words[j]
    if word in MONEY_SLANG:
        return Number(Decimal(MONEY_SLANG[word]), i, j + 1, True)
    if word == "selusin":
        value, end = Decimal(12), j + 1
    elif _PLAIN_NUMBER.fullmatch(word) and sum(ch.isdigit() for ch in word) <= _MAX_DIGITS:
        parsed = _decimal(word)
        if parsed is None:  # pragma: no cover - the pattern only lets digits through
            return None
        value, end = parsed, j + 1
    else:
        spoken = _number_words(list(words), j)
        if spoken is None:
            return None
        value, end = Decimal(spoken[0]), spoken[1]
        money = money or words[end - 1] in {*_BIG, "seribu"}
    if end < len(words) and words[end] in _SCALE:
        value, end, money = value * _SCALE[words[end]], end + 1, True
    return Number(value, i, end, money)
