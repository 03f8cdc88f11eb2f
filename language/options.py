"""Options of a product as people write them: clothing sizes (M, L, XL), weights and volumes
(250g, 1/2 kg, setengah kilo, seliter), levels (level 5, lv 5) and plain words (a colour, a
flavour). Pure: which options a product has is the catalog's business (catalog.families);
this module only says what a word means as an option, how options sort, and which of a
product's options some words name.

Numbers that belong to an option are never quantities: the order parser (language.numbers)
asks `is_option_number` and `LEVEL_WORDS` here, and the catalog hands it the shop's sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from language.text import UNITS, normalize

# Clothing sizes, smallest first; the second spellings are the same size.
SIZES = ("xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl", "4xl", "5xl")
SIZE_ALIASES = {"2xl": "xxl", "3xl": "xxxl", "xxxxl": "4xl", "allsize": "allsize", "all": "allsize"}
# A number after one of these is the product's level, never a quantity ("sambal level 5 satu").
LEVEL_WORDS = frozenset({"level", "lvl", "lv", "lev", "lvel", "leve"})
# Words that introduce an option ("ukuran L", "warna merah", "rasa original"): never a product's name.
OPTION_WORDS = frozenset({"ukuran", "ukurannya", "size", "uk", "warna", "warnanya", "rasa", "rasanya", "varian",
                          "pilihan", "tipe", "jenis"})
# A bare number this small is a quantity even when the shop sells a size with that number.
MIN_SIZE_NUMBER = 10
# Base units of the measures: a kilo is 1000 g, a litre 1000 ml.
_BASE = {"g": ("g", 1), "kg": ("g", 1000), "ml": ("ml", 1), "l": ("ml", 1000)}
_MEASURE = re.compile(r"^(\d+(?:\.\d+)?)(" + "|".join(sorted(set(UNITS.values()), key=len, reverse=True)) + r")$")

KINDS = ("size", "weight", "volume", "level", "variant")


def measure(token: str) -> tuple[str, Fraction] | None:
    """("g", 500) for "500g", ("g", 1000) for "1kg", ("ml", 1000) for "1l"; None for anything else."""
    match = _MEASURE.match(token)
    if match is None:
        return None
    base, factor = _BASE[match.group(2)]
    return base, Fraction(match.group(1)) * factor


def size(token: str) -> str | None:
    """The clothing size a word is ("XL", "2xl" -> "xxl"), or None."""
    token = SIZE_ALIASES.get(token, token)
    return token if token in SIZES or token == "allsize" else None


def words_of(label: str) -> list[str]:
    """An option label's words as the search reads them ("1 liter" -> ["1l"])."""
    return normalize(label).split()


def kind_of(label: str) -> str:
    """What sort of option a label is: size, weight, volume, level or variant (a colour, a flavour)."""
    words = words_of(label)
    if len(words) == 2 and words[0] in LEVEL_WORDS and words[1].isdigit():
        return "level"
    if len(words) == 1 and (found := measure(words[0])) is not None:
        return "weight" if found[0] == "g" else "volume"
    if len(words) == 1 and (size(words[0]) is not None or words[0].isdigit()):
        return "size"
    return "variant"


def sort_key(label: str) -> tuple[int, Fraction, str]:
    """Options in the order a shopper expects: S before XL, 250g before 1kg, level 3 before 5."""
    words = words_of(label)
    if len(words) == 1 and (found := measure(words[0])) is not None:
        return 0, found[1], found[0]
    if len(words) == 1 and (named := size(words[0])) is not None:
        return 1, Fraction(SIZES.index(named) if named in SIZES else len(SIZES)), ""
    if words and words[-1].isdigit() and (len(words) == 1 or words[0] in LEVEL_WORDS):
        return 2, Fraction(int(words[-1])), ""
    return 3, Fraction(0), ""  # colours, flavours: in the order the seller gave them


def sizes_in(texts: Iterable[str], normalized: Callable[[str], str] | None = None) -> frozenset[int]:
    """The numbers that are sizes in these names and option labels ("500" of "500g", "38" of a
    shoe size "38"), big enough not to be mistaken for quantities: what the order parser must
    keep in a product's name."""
    found: set[int] = set()
    for text in dict.fromkeys(texts):  # options repeat their product's name and each other's labels
        words = (normalized or normalize)(text).split()
        for word in words:
            number = re.match(r"^(\d+)(?:g|kg|ml|l)$", word)
            if number:
                found.add(int(number.group(1)))
        if len(words) == 1 and words[0].isdigit():
            found.add(int(words[0]))
    return frozenset(n for n in found if n >= MIN_SIZE_NUMBER)


def is_option_number(value: int, sizes: frozenset[int]) -> bool:
    return value >= MIN_SIZE_NUMBER and value in sizes


@dataclass(frozen=True)
class OptionPick:
    """Which of a product's options some words name: `index` when exactly one; else `asked`,
    the words that look like an option the product lacks ("XXL", "1kg", "level 7"), if any."""

    index: int | None = None
    asked: str | None = None


def _same(option_word: str, said: str) -> bool:
    if option_word == said:
        return True
    if (a := size(option_word)) is not None and a == size(said):
        return True
    mine = measure(option_word)
    if mine is None:
        return False
    theirs = measure(said)
    if theirs is not None:
        return mine == theirs
    # A bare number names the measure with that number: "nastar 500" is the 500g one.
    return said.isdigit() and Fraction(int(said)) == Fraction(_MEASURE.match(option_word).group(1))  # type: ignore[union-attr]


def _telling(labels: Sequence[list[str]]) -> list[list[str]]:
    """Each label's words that tell it from the others ("5" of "Level 5" next to "Level 3")."""
    shared = set.intersection(*(set(words) for words in labels)) if labels else set()
    return [[w for w in words if w not in shared] or words for words in labels]


def pick_option(labels: Sequence[str], said: str, sizes: frozenset[int] = frozenset()) -> OptionPick:
    """The option of `labels` that the words `said` name.

    Every telling word of a label must be in what was said (a size in any spelling, a measure
    in any unit, "500" for "500g"). When no label fits, the option-like words said are
    returned as `asked`, so the shopper can be told which options exist."""
    words = normalize(said).split()
    if not labels or not words:
        return OptionPick()
    telling = _telling([words_of(label) for label in labels])
    fits = [i for i, wanted in enumerate(telling) if all(any(_same(w, s) for s in words) for w in wanted)]
    if len(fits) > 1:  # "level 15" names Level 15, not Level 1 and Level 15: the longest fit wins
        longest = max(len(telling[i]) for i in fits)
        fits = [i for i in fits if len(telling[i]) == longest]
    if len(fits) == 1:
        return OptionPick(index=fits[0])
    if fits:
        return OptionPick()
    asked: list[str] = []
    for i, word in enumerate(words):
        if i and words[i - 1] in LEVEL_WORDS and word.isdigit():
            asked.append(f"level {word}")
        elif size(word) is not None and len(word) > 1:
            asked.append(word.upper())
        elif measure(word) is not None or (word.isdigit() and is_option_number(int(word), sizes)):
            asked.append(word)
    return OptionPick(asked=" ".join(asked) or None)
