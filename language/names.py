"""How a name the seller typed is kept: "nasi goreng spesial" becomes "Nasi Goreng Spesial", the
way a menu or a shop sign writes it, since customers read it in every list, cart and receipt.

Only a name typed all in lowercase is changed (a phone keyboard's default, not a choice); any
capital means the seller chose how it looks ("iPhone 15", "KAOS POLOS", "Dapur bu Sri") and it is
kept exactly. Small joining words and units stay lowercase inside a name ("Kopi Susu dan Roti",
"Keripik 250 gr")."""

from __future__ import annotations

import re

SMALL_WORDS = frozenset({"dan", "di", "ke", "dari", "untuk", "isi", "per", "atau", "yang", "yg", "dengan", "tanpa",
                         "&", "x", "a.n.", "an"})
UNITS = frozenset({"g", "gr", "gram", "kg", "ml", "l", "ltr", "liter", "pcs", "pc", "cm", "mm", "cc", "mg"})
_FIRST_LETTER = re.compile(r"[^\W\d_]")


def _capital(word: str) -> str:
    """The word with its first letter capital ("(pedas)" -> "(Pedas)"); a word that starts with a
    digit ("250g", "2in1") stays as it is."""
    found = _FIRST_LETTER.search(word)
    if found is None or any(ch.isdigit() for ch in word[:found.start()]):
        return word
    i = found.start()
    return word[:i] + word[i].upper() + word[i + 1:]


def tidy_name(text: str) -> str:
    """The name as kept and shown: spaces tidied; capitals given only to an all-lowercase name."""
    name = " ".join(text.split())
    if name != name.lower():
        return name
    words = name.split(" ")
    return " ".join(w if i and (w in SMALL_WORDS or w in UNITS) else _capital(w) for i, w in enumerate(words))


# The words Indonesians put before a name to address someone (also Javanese, Sundanese, Betawi,
# Chinese-Indonesian and Balinese ones). A customer named "Bu Wati" is "Bu Wati", never
# "Kak Bu Wati".
HONORIFICS = frozenset({
    "bu", "ibu", "bunda", "pak", "bapak", "kak", "kakak", "ka", "mas", "mbak", "mba", "bang", "abang", "dik", "adik",
    "dek", "om", "tante", "teh", "aa", "akang", "kang", "neng", "cik", "ci", "cici", "ko", "koh", "cece", "ce",
    "uni", "uda", "bli", "mbok", "gus", "ning", "bude", "budhe", "pakde", "pakdhe", "oma", "opa", "eyang", "umi",
    "abah", "ustadz", "ustad", "ustadzah", "hj", "haji", "hajjah", "dr", "drg", "prof", "sis", "bro", "nyonya", "tuan",
})


def has_honorific(name: str) -> bool:
    """Whether the name already begins with a form of address ("Bu Wati", "pak budi", "Mbak. Rina")."""
    first, _, rest = " ".join(name.split()).partition(" ")
    return bool(rest) and first.lower().rstrip(".") in HONORIFICS


def addressed(name: str | None, honorific: str = "Kak") -> str:
    """How the bot calls someone: "Kak Wati"; a name with its own honorific as it is ("Bu Wati");
    "Kak" alone without a name. Every text that puts a name after "Kak" uses this."""
    name = " ".join((name or "").split())
    if not name:
        return honorific
    return name if has_honorific(name) else f"{honorific} {name}"
