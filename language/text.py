"""Text normalisation shared by product search and order parsing.

Customers type on phones, in slang, with stretched letters and every spelling of a
unit. Everything that compares product text goes through `normalize` so that the
catalog side and the query side meet in one canonical form.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache

from rapidfuzz.distance import OSA

from language.words import ORDER_WORDS, POLITE

# Unit spellings, merged onto the number before them: "500 gr", "500gram" and "500g"
# must be one token or a size in the query would never meet the size in the name.
UNITS: dict[str, str] = {
    "g": "g", "gr": "g", "grm": "g", "gram": "g", "grams": "g",
    "kg": "kg", "kilo": "kg", "kilogram": "kg",
    "ml": "ml", "mililiter": "ml",
    "l": "l", "lt": "l", "ltr": "l", "liter": "l", "litre": "l",
}

# Spelling variants and chat slang, applied per token after units. Kept small on
# purpose: typos are the fuzzy matcher's job; this table is for spellings so far
# from the catalog word that edit distance cannot bridge them ("ijo"/"hijau").
SLANG: dict[str, str] = {
    # keripik
    "kripik": "keripik", "kripick": "keripik", "keripick": "keripik", "kripk": "keripik",
    "krupuk": "kerupuk",
    # taste
    "pedes": "pedas", "pedess": "pedas", "pds": "pedas", "pdas": "pedas", "pedass": "pedas",
    "sambel": "sambal", "smbl": "sambal",
    "bwg": "bawang", "bwang": "bawang",
    "ijo": "hijau", "item": "hitam",
    "cokelat": "coklat", "cklt": "coklat", "choco": "coklat", "kju": "keju",
    "ori": "original", "orginal": "original", "orisinil": "original",
    "ekstra": "extra", "xtra": "extra",
    "trasi": "terasi",
    # dishes and drinks
    "baso": "bakso", "somay": "siomay", "siomai": "siomay", "risol": "risoles",
    "empek": "pempek", "mpek": "pempek", "kopsu": "kopi susu", "kopsus": "kopi susu",
    "juice": "jus", "rosela": "rosella", "nenas": "nanas",
    # chat shorthand: the words that carry an intent ("nastar jd 3", "kripik tambah 1 lg", "yg kmrn")
    # must meet the word lists, which are written out in full
    "yg": "yang", "bgt": "banget", "jd": "jadi", "jdi": "jadi", "lg": "lagi", "lgi": "lagi",
    "udh": "udah", "udhh": "udah", "sdh": "sudah", "dah": "udah", "blm": "belum", "blum": "belum",
    "tp": "tapi", "tpi": "tapi", "dgn": "dengan", "skrg": "sekarang", "skg": "sekarang", "sy": "saya",
    "gk": "gak", "ngk": "nggak", "trs": "terus", "kmrn": "kemarin", "kemaren": "kemarin", "kmarin": "kemarin",
    "aj": "aja", "ae": "aja", "ajah": "aja", "ajh": "aja", "doang": "aja", "bs": "bisa", "bsa": "bisa", "krn": "karena", "utk": "untuk", "bwt": "buat",
    # "dijadiin 2", "jadiin 4", "dijadikan 3": set to, as "jadi"
    "jadiin": "jadi", "dijadiin": "jadi", "jadikan": "jadi", "dijadikan": "jadi",
    # units that stand alone ("gram" with no number in front)
    **{alias: unit for alias, unit in UNITS.items() if alias != unit},
}

# Query words that mean a catalog word without resembling it. Values are catalog
# phrases (category names mostly); search treats them as weaker alternatives, never as
# replacements, so "es kopi" still needs the literal "es" to rank the iced coffee first.
SYNONYMS: dict[str, str] = {
    "cemilan": "keripik", "camilan": "keripik", "snack": "keripik", "ngemil": "keripik",
    "frozen": "frozen food", "beku": "frozen food", "frozenfood": "frozen food",
    "minum": "minuman", "es": "minuman", "drink": "minuman",
    "kue lebaran": "kue kering", "kuker": "kue kering", "cookies": "kue kering",
    "sambalan": "sambal",
}

# Counting words say "how many", never "which product".
COUNT_WORDS: frozenset[str] = frozenset({
    "pcs", "pc", "bungkus", "bks", "toples", "pack", "pak", "porsi", "botol", "biji", "buah",
    "box", "kotak", "cup", "x", "dus", "dos", "kardus", "loyang", "lembar", "pasang", "bh", "btl", "pck", "pax",
    "renteng", "pouch", "toples", "stoples", "bal",
})
# Words of the conversation around a product name: requests, forms of address,
# particles, greetings. A message made only of these names no product.
FILLER_WORDS: frozenset[str] = COUNT_WORDS | {
    "pesan", "pesen", "mau", "beli", "order", "kak", "ka", "dong", "ya", "yah", "tolong",
    "saya", "aku", "min", "gan", "sis", "please", "pls", "aja", "deh", "nih", "ada",
    "yang", "yg", "juga", "lagi", "ingin", "pengen", "pingin", "minta", "cari", "nyari",
    "halo", "hai", "hi", "hello", "pagi", "siang", "sore", "malam", "selamat",
    "makasih", "terima", "kasih", "thanks", "ok", "oke", "sip", "assalamualaikum",
    "siapin", "bikinin", "kirimin", "ekor",
    # English around an order ("i want to order 2 brownies please", "can i get 3 basreng")
    "i", "want", "to", "can", "get", "would", "like", "me", "buy", "some", "for", "the", "a",
    # a voice note's run-up ("jadi gini kak saya mau pesen ...")
    "gini", "begini", "gitu", "begitu", "nah",
    # "daster 2 warna apa aja bebas": any will do
    "bebas", "terserah", "random", "sembarang", "apa", "warna",
} | POLITE | ORDER_WORDS

# "teh" is tea, or the Sundanese "sister" next to Sundanese words ("teh, bade meser ...", "sabaraha teh?").
_SUNDA = r"(?:punten|nuhun|hatur|bade|meser|sabaraha|hoyong|abdi|mangga|aya|atuh|mah|sareng|wilujeng)"
_TEH_BEFORE = re.compile(rf"^\s*teh\s*,|\bteh\b(?=[\s,]+{_SUNDA}\b)")
_TEH_AFTER = re.compile(rf"\b({_SUNDA})(\W+)teh\b")


def without_sundanese_address(text: str) -> str:
    """Folded text without the "teh" that addresses a woman in Sundanese (tea stays tea)."""
    if "teh" not in text:
        return text
    return _TEH_AFTER.sub(r"\1\2", _TEH_BEFORE.sub(" ", text))


_DECIMAL_SEP = re.compile(r"(?<=\d)[.,](?=\d)")
_NOT_WORD = re.compile(r"[^a-z0-9.]+|(?<!\d)\.|\.(?!\d)")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
# A last letter typed twice ("kakk", "nastarr", "kejuu", "yaa"): chat stretching. Catalog names
# pass through the same rule, so nothing is lost for search; the doubles that end borrowed words
# ("brulee", "bamboo", "mall", "glass", "puff", "jazz", "xx") are left alone.
_DOUBLED_END = re.compile(r"\b([a-z]+?)([abcdghijkmnpqrtuvwy])\2\b")
_UNIT_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
# A lone "l" is a litre only right after its number ("1l"): "kemeja M 1 L 1" is a size L.
_NUMBER_UNIT = re.compile(r"\b(\d+(?:[.,]\d+)?)(?:\s*(" + "|".join(sorted((u for u in UNITS if u != "l"), key=len, reverse=True))
                          + r")|(l))\b")
# How people say a part of a kilo or a litre: "1/2 kg", "setengah kilo", "sekilo", "seliter".
_FRACTION_UNIT = re.compile(r"\b(\d+)\s*/\s*(\d+)\s*(" + _UNIT_ALT + r")\b")
_PART_WORDS = {"setengah": Fraction(1, 2), "seperempat": Fraction(1, 4)}
_WORD_UNIT = re.compile(r"\b(?:(setengah|seperempat)\s+(" + _UNIT_ALT + r")|se(kilo|kg|liter|ltr))\b")
# The smaller unit a fraction of the bigger one is written in: half a kilo is "500g".
_SMALLER = {"kg": "g", "l": "ml"}


def fold(text: str) -> str:
    """Lowercases and strips accents ("Pâté" -> "pate"), keeping everything else."""
    if text.isascii():  # nearly every message; skips the per-character pass
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def measure_token(amount: Fraction, unit: str) -> str:
    """One measure as the one token names and queries share: (1/2, "kilo") -> "500g", (1.5, "l") -> "1.5l"."""
    unit = UNITS.get(unit, unit)
    if amount < 1 and unit in _SMALLER:
        amount, unit = amount * 1000, _SMALLER[unit]
    if amount.denominator == 1:
        return f"{amount.numerator}{unit}"
    return f"{float(amount):g}{unit}"


def _number_unit(match: re.Match[str]) -> str:
    try:
        amount = Fraction(Decimal(match.group(1).replace(",", ".")))
    except (InvalidOperation, ValueError):  # pragma: no cover - the pattern only lets digits through
        return match.group(0)
    return measure_token(amount, match.group(2) or match.group(3))


def _fraction_unit(match: re.Match[str]) -> str:
    top, bottom = int(match.group(1)), int(match.group(2))
    return measure_token(Fraction(top, bottom), match.group(3)) if 0 < top and 0 < bottom <= 1000 else match.group(0)


def _word_unit(match: re.Match[str]) -> str:
    if match.group(3):  # "sekilo", "seliter": one of it
        return measure_token(Fraction(1), match.group(3))
    return measure_token(_PART_WORDS[match.group(1)], match.group(2))


def canonical_measures(text: str) -> str:
    """Folded text with every measure written as one token: "1/2 kg", "setengah kilo" and
    "0,5 kilo" become "500g", "seliter" "1l", "500 gr" "500g". The rest is left as it was,
    so the order parser can read it too: a measure is never a quantity."""
    text = _FRACTION_UNIT.sub(_fraction_unit, text)
    text = _WORD_UNIT.sub(_word_unit, text)
    return _NUMBER_UNIT.sub(_number_unit, text)


@lru_cache(maxsize=4096)  # one message's text is read by several steps; common words recur
def normalize(text: str) -> str:
    """Canonical form of product text: folded, unpunctuated, slang and units unified."""
    text = without_sundanese_address(fold(text))
    # Decimal commas become dots first, so "1,5 liter" survives punctuation removal.
    text = _DECIMAL_SEP.sub(".", text)
    text = canonical_measures(text)
    text = _NOT_WORD.sub(" ", text)
    text = _STRETCHED.sub(r"\1", text)
    text = _DOUBLED_END.sub(r"\1\2", text)
    text = _NUMBER_UNIT.sub(_number_unit, text)
    return " ".join(SLANG.get(token, token) for token in text.split())


# A typo is one slip in a word of up to 7 letters (a letter missed, added, changed or two swapped:
# "dimsun", "rendng", "brwnies"), two in a longer one. fuzz.ratio alone cannot tell "dimsun"/"dimsum"
# (83, one slip) from "bakwan"/"bawang" (83, two slips: another food, not a misspelling).
SHORT_WORD, SHORT_SLIPS, LONG_SLIPS = 7, 1, 2


def slips_allowed(word: str) -> int:
    return SHORT_SLIPS if len(word) <= SHORT_WORD else LONG_SLIPS


def misspelt(word: str, meant: str) -> bool:
    """Whether `word` can be a typo of `meant` (besides looking alike): few enough slips."""
    limit = slips_allowed(word)
    return OSA.distance(word, meant, score_cutoff=limit) <= limit


def tokens(text: str) -> list[str]:
    """Normalised tokens of `text`."""
    return normalize(text).split()
