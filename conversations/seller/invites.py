"""Staff invite codes: short enough to type from a phone, hard enough to guess.

Four letters and four digits (no 0/O, 1/I look-alikes): about 1.4 billion codes, valid
for a day and only once, against a guesser limited to the pace of chat messages. Only
a hash is stored, so a database read does not hand out working codes.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
DIGITS = "23456789"
VALID_FOR = timedelta(hours=24)
# What a new staff member sends back: "gabung KDRT-4821", or just the code.
TYPED = re.compile(r"^\s*(?:(?:gabung|join|kode|daftar|undangan)\s*:?\s*)?([a-z]{4})[\s-]?(\d{4})\s*[.!]?\s*$",
                   re.IGNORECASE)


def new_code() -> str:
    return "".join(secrets.choice(LETTERS) for _ in range(4)) + "".join(secrets.choice(DIGITS) for _ in range(4))


def shown(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def code_hash(code: str) -> str:
    return hashlib.sha256(code.upper().encode()).hexdigest()


def typed_code(text: str) -> str | None:
    """The code in a message that is nothing but a code (with "gabung" before it), else None."""
    match = TYPED.match(text or "")
    return (match[1] + match[2]).upper() if match else None
