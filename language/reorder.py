"""A customer asking for their last order again, in their own words: "pesan lagi", "order ulang",
"samain kaya pesanan terakhir", "kak pesen lagi kaya minggu lalu ya", with changes after it
("tapi nastarnya 1 aja", "tapi sambalnya ga usah", "tambah kastengel 250 1").

Only the words are read here; which products they name is the catalog's business
(conversations.customer.reorder). Text is expected normalised (language.text.normalize).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WHEN_BEFORE = r"(?:kemarin|kemaren|minggu lalu|bulan lalu|terakhir|biasanya|biasa|sebelumnya|yang lalu)"
# "pesan lagi", "order ulang", "reorder", and the earlier order named first: "pesen yang kemarin lagi",
# "yang kemarin lagi ya".
AGAIN = re.compile(r"\b(?:pesan|pesen|order|beli|ambil)\s+(?:lagi|ulang)\b|\b(?:order|pesanan|pesan)\s+ulang\b"
                   rf"|\brepeat\b|\bdiulang\b|\bulangi\b|\bre ?order\b|\byang\s+{WHEN_BEFORE}\s+(?:lagi|diulang)\b")
# "sama kayak kemarin", "samain kaya pesanan terakhir"; not "pesanan kemarin sudah sampai?" (a question).
SAME = re.compile(rf"\b(?:sama|samain|samakan|seperti|kayak|kaya|kyk|kek)\b(?:\s+\w+){{0,3}}?\s+{WHEN_BEFORE}\b")
CHANGE = re.compile(r"\b(tapi|tp|tambah|tambahin|plus)\b")
# Words around a re-order that name no product ("pesan lagi yang sama ya kak").
FILLER = frozenset("""ya yah kak ka kakak min mas mbak bu pak dong donk deh sih lho yang yg sama samain kayak kaya kyk kek
seperti kemarin kemaren minggu bulan lalu terakhir biasa biasanya sebelumnya pesanan pesan order aja saja nggih ok oke
mau tolong please plis lagi ulang juga itu enak banget bgt""".split())


@dataclass(frozen=True)
class Reorder:
    head: str  # what follows the re-order words before any change: a product named here means a new order
    changes: tuple[tuple[str, str], ...] = ()  # (word, clause): ("tapi", "nastarnya 1 aja"), ("tambah", "kastengel 250 1")


def read_reorder(text: str) -> Reorder | None:
    """The re-order and its changes, or None when the text does not ask for an earlier order again."""
    found = AGAIN.search(text) or SAME.search(text)
    if found is None:
        return None
    parts = CHANGE.split(text[found.end():])
    changes = tuple((parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2) if parts[i + 1].strip())
    return Reorder(parts[0].strip(), changes)


def names_nothing(words: str) -> bool:
    """True when the words are only the polite and time words around a re-order."""
    return all(w in FILLER for w in words.split())


REMOVE = re.compile(r"^(?:yang\s+|yg\s+)?(?P<what>.+?)(?:nya)?\s+(?:ga|gak|nggak|ngga|enggak|tidak|tdk)\s+"
                    r"(?:usah|perlu|pakai|jadi)\b|^(?:jangan|tanpa|kecuali)\s+(?P<what2>.+?)(?:nya)?$")
ONLY = re.compile(r"^(?:yang\s+|yg\s+)?(?P<what>.+?)(?:nya)?\s+(?:cuma\s+|hanya\s+|jadi\s+)?(?P<qty>\d{1,3})"
                  r"(?:\s+(?:aja|saja|ya|deh|kak))*$")


def removal(clause: str) -> str | None:
    """The product words of "sambalnya ga usah" / "tanpa sambal", else None."""
    match = REMOVE.match(clause)
    return (match["what"] or match["what2"]).strip() if match else None


def only(clause: str) -> tuple[str, int] | None:
    """The product words and quantity of "nastarnya 1 aja", else None."""
    match = ONLY.match(clause)
    return (match["what"].strip(), int(match["qty"])) if match else None
