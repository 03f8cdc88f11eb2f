"""The one-time owner code: whoever sends it first to the shop becomes its owner.

`kedai shop new` prints one; an owner handing the shop over gets one by chat. The format is
the staff invite's (four letters, four digits, no look-alikes), easy to type from a phone and
about 1.4 billion strong; it is valid for a day and once, and only its hash is stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
DIGITS = "23456789"
VALID_FOR = timedelta(hours=24)
# "KDRT-4821", "kdrt4821", "kode KDRT-4821", "pemilik: KDRT 4821".
TYPED = re.compile(r"^\s*(?:(?:kode|pemilik|owner|gabung|toko)\s*:?\s*)?([a-z]{4})[\s-]?(\d{4})\s*[.!]?\s*$",
                   re.IGNORECASE)


def new_code() -> str:
    return "".join(secrets.choice(LETTERS) for _ in range(4)) + "".join(secrets.choice(DIGITS) for _ in range(4))


def shown(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def code_hash(code: str) -> str:
    return hashlib.sha256(("owner:" + code.upper()).encode()).hexdigest()


def typed_code(text: str) -> str | None:
    """The code in a message that is nothing but a code, else None."""
    match = TYPED.match(text or "")
    return (match[1] + match[2]).upper() if match else None
