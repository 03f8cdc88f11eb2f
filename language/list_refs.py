"""A customer pointing into the list the bot just showed: "nomor 2", "no 2 satu aja", "yg
kedua 3", "yang ke-2", "#3". Pure: which place in the list, and the words left (a quantity).

A number after "nomor" is a place only when nothing else follows it that a number of another
kind would ("nomor rekeningnya", "nomor hp"), and an ordinal is not one of "kedua kalinya"
(the second time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from language.numbers import parse_quantity
from language.text import fold

ORDINALS: dict[str, int] = {"pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5,
                            "keenam": 6, "ketujuh": 7, "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10,
                            "terakhir": -1, "first": 1, "second": 2, "third": 3, "last": -1}
_NUMBER_WORD = r"(?:nomor|nomer|nmr|no|number|urutan|pilihan)"
_THE = r"(?:yang|yg|yng|itu)"
# "nomor 2", "no. 2", "yg no 2", "#2", "yang ke-2", "yg ke 2": the place as a number.
_BY_NUMBER = re.compile(rf"(?:^|\s)(?:{_THE}\s+)?(?:{_NUMBER_WORD}\s*\.?\s*|#\s*|ke\s*-?\s*)(\d{{1,2}})\b(?!\s*[.,]\d)")
# "yg kedua", "kedua 3", "yang terakhir": the place as an ordinal, said as the first words.
_BY_WORD = re.compile(rf"(?:^|\s)(?:{_THE}\s+)?({'|'.join(ORDINALS)})\b")
# Words after the place that make it another thing: "kedua kalinya", "nomor rekening", "no hp".
_OTHER = re.compile(r"^\s*(?:kali\w*|x\b|rekening\w*|rek\b|hp\b|wa\b|telp\w*|telepon\w*|resi\w*|pesanan\w*|"
                    r"order\w*|rumah\w*|antrian\w*|minggu\w*|bulan\w*|hari\w*|tahun\w*|jam\b)")
# Only a place and a quantity among chat words count: "no 2 satu aja", "yang kedua 3 ya kak".
_CHAT = frozenset({"aja", "saja", "ya", "yah", "kak", "ka", "kakak", "min", "gan", "sis", "dong", "deh", "nih", "mau",
                   "pesan", "pesen", "order", "beli", "ambil", "minta", "tolong", "yang", "yg", "itu", "juga", "ok",
                   "oke", "sip", "nya", "bun", "mas", "mbak", "mba", "pcs", "bungkus", "toples", "pack", "botol",
                   "biji", "buah", "box", "kotak", "porsi", "x", "please", "pls", "tambah", "tambahin"})


@dataclass(frozen=True)
class ListRef:
    place: int  # 1 is the first; -1 the last
    rest: str  # the other words (a quantity, chat words)


def read(text: str) -> ListRef | None:
    """The place in the last list a message points at, else None."""
    folded = " ".join(fold(text).replace("?", " ").replace("!", " ").split())
    for pattern, place_of in ((_BY_NUMBER, lambda m: int(m.group(1))), (_BY_WORD, lambda m: ORDINALS[m.group(1)])):
        match = pattern.search(folded)
        if match is None or _OTHER.match(folded[match.end():]):
            continue
        rest = " ".join((folded[:match.start()] + " " + folded[match.end():]).split()).strip(" ,.")
        if not all(w in _CHAT or w.isdigit() or _number_word(w) for w in re.findall(r"[a-z0-9]+", rest)):
            continue  # other words too: "nomor 2 yang merah", a new sentence, not a pointer alone
        place = place_of(match)
        if place != 0:
            return ListRef(place, rest)
    return None


def _number_word(word: str) -> bool:
    """A quantity in words: "satu", "dua", "selusin"."""
    return parse_quantity(word) is not None
