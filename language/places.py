"""Whether an address, or a place a customer names ("ongkir ke sby"), lies in an area a seller
listed for a delivery zone ("Kota Malang", "lowokwaru").

People write places loosely: "kt malang", "Malang", "Kab. Malang", "jogja" for Yogyakarta,
"sby", a slip in a long name ("lowokwaru" typed "lowokwari"). The rules, so that a forgiving
match never puts an address in the wrong place:

- words, not substrings: the area "batu" is not in "Batununggal", "dau" not in "Pandaungan";
- the city shorthands below are the same place as the city's name;
- a slip is forgiven only in a long word (7+ letters, one slip; 10+, two) that starts with the
  same letter: short place names are often real other places one letter apart ("Bantul" and
  "Bantur", "Malang" and "Palang"), so they must be written as they are;
- "kota" and "kabupaten" name different places ("Kota Malang" is not "Kab. Malang"): an area
  that says one does not match an address that says the other; an address that says neither
  matches, unless two zones then fit equally (the customer is asked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from language.text import fold

# The word before a place name that says what kind of place it is, as people abbreviate it.
KIND = {"kota": "kota", "kt": "kota", "kodya": "kota", "kotamadya": "kota", "kab": "kabupaten",
        "kabupaten": "kabupaten", "kec": "kecamatan", "kecamatan": "kecamatan", "kel": "kelurahan",
        "kelurahan": "kelurahan", "desa": "desa", "ds": "desa"}
# Kinds that tell two places of one name apart (a city and the regency around it).
TELLS_APART = frozenset({"kota", "kabupaten"})
# A city's shorthands in chat, each read as the city's name.
SAME_PLACE = {
    "yogyakarta": ("jogja", "yogya", "jogjakarta", "djogja", "jogya", "yogyakarta", "jogjya", "diy"),
    "surabaya": ("sby", "suroboyo"),
    "jakarta": ("jkt",),
    "malang": ("mlg",),
    "semarang": ("smg",),
    "bandung": ("bdg",),
    "surakarta": ("solo",),
    "denpasar": ("dps",),
}
ALIAS = {alias: name for name, aliases in SAME_PLACE.items() for alias in aliases}
LONG_WORD, LONGER_WORD = 7, 10


def words(text: str) -> list[str]:
    """The place words of a text, folded, shorthands read as the city's name."""
    return [ALIAS.get(w, w) for w in re.sub(r"[^a-z0-9]+", " ", fold(text)).split()]


# What is said around an address typed into the address question, not part of it: "alamatnya di
# jl ijen 5 ya kak" is kept as "jl ijen 5" for the seller and the courier.
_ADDRESS_LEAD = re.compile(r"^(?:alamat(?:nya)?(?: (?:saya|sy|aku|rumah|rmh))?\s*(?:di\b|:)?|(?:kirim|antar|anter)(?:in)? ke)\s*",
                           re.I)
_CHAT_AFTER = frozenset({"ya", "yah", "yaa", "kak", "kakak", "min", "gan", "sis", "makasih", "tq", "ok", "oke", "nggih"})


def address_said(text: str) -> str:
    """The address a customer typed, without the chat around it; the text as typed when nothing
    would be left."""
    said = " ".join(text.split())
    core = _ADDRESS_LEAD.sub("", said)
    words_ = core.split(" ")
    while words_ and (words_[-1].strip(".,!?🙏😊🙂") == "" or words_[-1].strip(".,!?🙏😊🙂").lower() in _CHAT_AFTER):
        words_.pop()
    core = " ".join(words_).strip(" ,")
    return core if len(core) >= 10 else said


def spelled(place: str) -> str:
    """A place as the answer names it: "sby" -> "Surabaya", "kt malang" -> "Kota Malang"."""
    return " ".join(KIND.get(w, w) if w in ("kt", "kab", "kec", "kel", "ds") else w for w in words(place)).title()


def _same_word(said: str, listed: str) -> int:
    """2 for the same word, 1 for a slip in a long word, 0 otherwise."""
    if said == listed:
        return 2
    if len(listed) < LONG_WORD or said[:1] != listed[:1]:
        return 0
    limit = 2 if len(listed) >= LONGER_WORD else 1
    return 1 if OSA.distance(said, listed, score_cutoff=limit) <= limit else 0


@dataclass(frozen=True)
class Found:
    score: int  # higher is surer: exact words, and the kind of place said alike
    at: int  # where in the address the name starts
    kind: str  # "kota" / "kabupaten" the area says, or ""
    stated: bool  # whether the address says the kind


def find(area: str, said: list[str]) -> Found | None:
    """The best place in the address words `said` where `area` is named, or None."""
    listed = words(area)
    kind = next((KIND[w] for w in listed if w in KIND), "")
    name = [w for w in listed if w not in KIND] or listed  # an area "kota" alone is its own name
    best: Found | None = None
    for i in range(len(said) - len(name) + 1):
        scores = [_same_word(said[i + j], w) for j, w in enumerate(name)]
        if not all(scores):
            continue
        before = KIND.get(said[i - 1], "") if i > 0 else ""
        if kind in TELLS_APART and before in TELLS_APART and before != kind:
            continue  # "Kab. Malang" is not the area "Kota Malang"
        stated = bool(kind) and before == kind
        found = Found(2 * sum(scores) + (1 if stated or kind not in TELLS_APART else 0), i, kind, stated)
        if best is None or found.score > best.score:
            best = found
    return best


def best_area(address: str, areas_by_zone: list[tuple[str, list[str]]]) -> str | None:
    """The id of the zone whose areas the address names most surely; the first zone listed
    wins a tie, except a tie between "Kota X" and "Kabupaten X" for a bare "X" (None: ask)."""
    said = words(address)
    found: list[tuple[Found, str]] = []
    for zone_id, areas in areas_by_zone:
        hits = [f for f in (find(area, said) for area in areas) if f is not None]
        if hits:
            found.append((max(hits, key=lambda f: f.score), zone_id))
    if not found:
        return None
    top = max(f.score for f, _ in found)
    tied = [(f, z) for f, z in found if f.score == top]
    first, zone_id = tied[0]
    if any(f.at == first.at and f.kind != first.kind and not f.stated and not first.stated for f, _ in tied[1:]):
        return None
    return zone_id


# An address given early, inside another message ("pesan 2 daster, kirim ke jl ijen no 5 malang ya
# kak"): kept so checkout can offer it instead of asking again. Only a street-like start after a
# delivery or "alamat" lead counts ("kirim ke jebres" names an area for the fee, not an address);
# "jl"/"jln" alone are never anything but a street.
_STREET = r"(?:jl|jln|jalan|gg|gang|perum\w*|komplek\w*|dusun|dsn|desa|blok)\.?"
_LEAD = (r"(?:(?:di)?(?:kirim|antar|anter)(?:in|kan)?\s+ke|alamat(?:nya)?(?:\s+(?:saya|sy|aku|rumah|rmh))?"
         r"\s*(?::|di\b|ke\b)?)")
_ADDRESS_IN = re.compile(rf"\b{_LEAD}\s*({_STREET}\s+\S.*)|\b((?:jl|jln)\.?\s+\S.*)", re.I | re.S)
_ASKS_WHERE = re.compile(r"\?|\b(?:toko\w*|lokasi\w*|mana|dmn|apa)\b", re.I)
# Where the talk after an address begins: payment, thanks, another question.
_AFTER_ADDRESS = re.compile(r"[?!\n]|,?\s+\b(?:bayar|cod|transfer|tf|makasih|terima ?kasih|trims|thanks|tq|"
                            r"bisa|kapan|berapa|brp|ongkir\w*)\b", re.I)


def address_in(text: str) -> str | None:
    """The delivery address said inside a longer message, without the talk around it; None
    when it gives none (or too little to deliver to)."""
    found = _ADDRESS_IN.search(text)
    if found is None or (found.group(1) is None and _ASKS_WHERE.search(text)):
        return None  # "tokonya di jl kawi atas ya kak?" asks where the shop is; "kirim ke jl ... bisa?" gives one
    rest = found.group(1) or found.group(2)
    rest = rest[:m.start()] if (m := _AFTER_ADDRESS.search(rest)) else rest
    core = address_said(rest)
    return core if len(core) >= 10 else None
