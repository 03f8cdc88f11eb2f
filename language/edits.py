"""Cart edits as customers type them: "keripiknya jadi 3 aja", "hapus sambal", "kosongkan
keranjang", "ga jadi yang kastengel", "nastarnya ganti yang 500", "nomor 1 jadi 4", "lanjut bayar".

Pure: a sentence becomes a list of `Edit`s naming their target by words (or by the cart's line
number); which cart line the words mean is the flow's business (conversations.customer.cart_text).
A sentence that is not plainly an edit gives None, so it is read as an order or a search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from language.numbers import parse_quantity
from language.order_lines import bare_quantity
from language.options import LEVEL_WORDS, OPTION_WORDS
from language.text import FILLER_WORDS, SLANG, normalize
from language.words import (ADD_WORDS, CART_VIEW_ALSO, CART_VIEW_NOUNS, CART_WORDS, CHECKOUT_ALSO, CHECKOUT_WORDS,
                            DONE_WORDS, EMPTY_WORDS, REDUCE_WORDS, REMOVE_WORDS, SWAP_WORDS)

# "ga jadi", "gak usah": two words that take a product out.
_NOT_AFTER_ALL = re.compile(r"\b(?:ga|gak|nggak|ngga|enggak|engga|tidak|tdk|ndak|g)\s+(?:jadi|usah)\b|\bga(?:jadi|usah)\b")
SET_WORD = "jadi"
NUMBER_WORDS = frozenset({"nomor", "no", "nmr"})
_CLAUSES = re.compile(r",|;|\n|\b(?:terus|trus|lalu|sama|sm)\b")
# "basreng +1": one more of a line, written as a sum.
_PLUS = re.compile(r"(?<=[a-z])\s*\+\s*(\d{1,3})\s*$")


@dataclass(frozen=True)
class Edit:
    """One change to the cart. `action`: checkout, done ("udah itu aja"), empty, remove, set, add, reduce, swap (another
    option of the same product, or another product: `into`). `target`: normalised words naming the
    line; `line`: its number in the cart as shown (1-based), when said that way."""

    action: str
    target: str = ""
    qty: int | None = None
    into: str = ""
    line: int | None = None


def _words(text: str) -> tuple[list[str], bool]:
    """Normalised words with "-nya" taken off ("keripiknya" -> "keripik"), and whether one had it."""
    out, had = [], False
    for word in normalize(text).split():
        if word == "nya":
            had = True
        elif len(word) >= 6 and word.endswith("nya") and word[:-3] not in ("pu", "ha"):
            out.append(SLANG.get(word[:-3], word[:-3]))  # "sambelnya" is "sambal"
            had = True
        else:
            out.append(word)
    return out, had


def _meaningful(words: list[str], also: frozenset[str] = frozenset()) -> list[str]:
    return [w for w in words if w not in FILLER_WORDS and w not in also]


def _line_number(words: list[str]) -> tuple[int | None, list[str]]:
    for i, word in enumerate(words[:-1]):
        if word in NUMBER_WORDS and words[i + 1].isdigit():
            return int(words[i + 1]), words[:i] + words[i + 2:]
    return None, words


def _split_number(words: list[str]) -> tuple[int | None, list[str]]:
    """The quantity among the words (not a size or a level: "level 5", "500") and the rest."""
    for i, word in enumerate(words):
        if i and words[i - 1] in LEVEL_WORDS:
            continue
        qty = parse_quantity(word) if not word.isalpha() or word in _NUMBER_NAMES else None
        if qty is not None and (not word.isdigit() or int(word) < 100):
            return qty, words[:i] + words[i + 1:]
    return None, words


_NUMBER_NAMES = frozenset({"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
                           "nol", "sebelas", "selusin"})


def _clause(text: str) -> Edit | None:
    folded = _PLUS.sub(r" tambah \1", text.lower())
    drop = _NOT_AFTER_ALL.search(folded) is not None
    words, suffixed = _words(_NOT_AFTER_ALL.sub(" ", folded))
    if not words and not drop:
        return None
    plain = set(words)
    if plain & CHECKOUT_WORDS and not _meaningful(words, CHECKOUT_WORDS | CHECKOUT_ALSO):
        return Edit("checkout")
    if not drop and not _meaningful(words, CHECKOUT_ALSO):  # "udah itu aja" before ", checkout"
        return Edit("done") if plain & DONE_WORDS else Edit("none")
    if (plain & EMPTY_WORDS or (plain & REMOVE_WORDS and plain & {"semua", "semuanya"})) and \
            not _meaningful(words, EMPTY_WORDS | REMOVE_WORDS | CART_WORDS):
        return Edit("empty")
    line, words = _line_number(words)
    if drop or plain & REMOVE_WORDS:
        target = _meaningful(words, REMOVE_WORDS | {"beli", "pesan"})
        if drop and not target and not line:  # "gajadi beli kak, hapus semuanya": the clause after says what
            return Edit("none")
        return Edit("remove", " ".join(target), line=line) if target or line else None
    for verbs, action in ((ADD_WORDS, "add"), (REDUCE_WORDS, "reduce")):
        if plain & verbs:
            qty, rest = _split_number([w for w in words if w not in verbs])
            return Edit(action, " ".join(_meaningful(rest, OPTION_WORDS)), qty or 1, line=line)
    if plain & SWAP_WORDS:
        at = next(i for i, w in enumerate(words) if w in SWAP_WORDS)
        before, after = _meaningful(words[:at]), _meaningful(words[at + 1:], {SET_WORD} | OPTION_WORDS)
        if not before and SET_WORD in words[at + 1:]:  # "ganti nastar keju jadi kastengel 250"
            split = words.index(SET_WORD, at + 1)
            before, after = _meaningful(words[at + 1:split]), _meaningful(words[split + 1:], OPTION_WORDS)
        # "ganti yg level 5 aja": no name, so the cart line that has such an option (cart_text)
        return Edit("swap", " ".join(before), into=" ".join(after), line=line) if after else None
    if SET_WORD in words:
        split = words.index(SET_WORD)
        qty = bare_quantity(" ".join(words[split + 1:]))
        target = _meaningful(words[:split])
        # "jadi 3 deh" with no name: the cart's one line, or a question which (conversations.customer.cart_text)
        return Edit("set", " ".join(target), qty, line=line) if qty is not None else None
    # No verb: "roa nya 2", "yang nastar 1 aja", "kopinya yang 1 liter aja" speak of a line already
    # in the cart only when they point at it ("-nya", "yang", "aja"); else they are a new order.
    pointed = suffixed or "yang" in words or "aja" in words or "saja" in words
    if not pointed:
        return None
    qty, rest = _split_number(words)
    target = _meaningful(rest)
    if qty is not None and target:
        return Edit("set", " ".join(target), qty, line=line)
    if qty is None and "yang" in words and suffixed:  # "kopinya yang 1 liter aja": another option
        at = words.index("yang")
        before, after = _meaningful(words[:at]), _meaningful(words[at + 1:], OPTION_WORDS)
        if before and after:
            return Edit("swap", " ".join(before), into=" ".join(after))
    return None


def cart_edits(text: str) -> list[Edit] | None:
    """The cart edits a message asks for, clause by clause; None unless every clause is one."""
    edits = []
    for part in _CLAUSES.split(text):
        if not part.strip():
            continue
        edit = _clause(part)
        if edit is None:
            return None
        edits.append(edit)
    if edits and all(edit.action in ("none", "done") for edit in edits) and any(e.action == "done" for e in edits):
        return [Edit("done")]  # "udah itu aja", "cukup segitu kak": done choosing
    edits = [edit for edit in edits if edit.action not in ("none", "done")]
    return edits or None


def wants_cart(text: str) -> bool:
    """Whether the message only asks to see the cart or its total ("cek keranjang", "totalnya brp kak?")."""
    words, _ = _words(text)
    return bool(set(words) & CART_VIEW_NOUNS) and not _meaningful(words, CART_VIEW_NOUNS | CART_VIEW_ALSO)
