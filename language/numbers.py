"""Quantities, Rupiah amounts and order lines out of Indonesian chat text.

Pure functions: no catalog knowledge. Product names come back normalised so they can
go straight into `SearchIndex.resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from language.options import LEVEL_WORDS, OPTION_WORDS, is_option_number
from language.text import FILLER_WORDS, UNITS, fold

_DIGITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
           "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
           # Javanese (ngoko and krama) and Sundanese: "tumbas nastar kalih", "putri salju hiji"
           "siji": 1, "setunggal": 1, "hiji": 1, "loro": 2, "kalih": 2, "telu": 3, "tilu": 3,
           "papat": 4, "sekawan": 4, "opat": 4, "limo": 5, "gangsal": 5,
           "atu": 1}  # Betawi: "rendang 500 atu"
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
    if start == 0:  # "..., 500 1": a size of the product before, then its quantity
        return is_option_number(value, sizes) and len(words) > 1 and (
            _int_token(words[1]) is not None or words[1] in _DIGITS or words[1] in _SE_NUMBERS)
    before = words[start - 1]
    if before in LEVEL_WORDS:
        return True
    if not is_option_number(value, sizes):
        return False
    return before in _OPTION_REFERENCE or (before.isalpha() and before not in FILLER_WORDS)


def quantity_at(words: list[str], i: int, sizes: frozenset[int] = frozenset()) -> tuple[int, int] | None:
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


def words_of(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def parse_quantity(text: str) -> int | None:
    """First quantity in `text` ("2x", "dua puluh", "selusin"); negatives kept as negative."""
    words = words_of(text)
    for i in range(len(words)):
        found = quantity_at(words, i)
        if found is not None:
            return found[0]
    return None


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
    slang = _slang_amount(words_of(folded))
    if slang is not None:
        return slang
    if grouped is not None:
        return grouped
    if bare is None:
        words = words_of(folded)
        for i in range(len(words)):
            parsed = _number_words(words, i)
            if parsed is not None and words[parsed[1] - 1] in {*_BIG, "seribu"}:
                return parsed[0]  # "lima belas ribu"; a lone "dua" is not a price
    return bare


# Jakarta money slang, common in sellers' chat: "naik goceng" is five thousand up.
MONEY_SLANG = {"cepek": 100, "gopek": 500, "seceng": 1_000, "ceceng": 1_000, "noceng": 2_000, "goceng": 5_000,
               "ceban": 10_000, "goban": 50_000, "gocap": 50}
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
    if end < len(words) and words[end] in MONEY_SLANG:  # "2 ceban" is 20.000: ceban a piece
        value, end, money = value * MONEY_SLANG[words[end]], end + 1, True
    elif end < len(words) and words[end] in _SCALE:
        scale = _SCALE[words[end]]
        value, end, money = value * scale, end + 1, True
        # "1jt 500rb" is one amount: the thousands after the millions add to them
        if scale == 1_000_000 and end + 1 < len(words) and _PLAIN_NUMBER.fullmatch(words[end]) \
                and words[end + 1] in ("rb", "ribu", "rebu", "k") and (extra := _decimal(words[end])) is not None \
                and extra < 1000:
            value, end = value + extra * 1000, end + 2
    return Number(value, i, end, money)
