"""Stock-keeping codes for products created by chat: readable, unique per shop."""

from __future__ import annotations

import re

from language.text import fold

MAX_BASE = 30  # leaves room for "-99" within the 40-character column


def sku_base(name: str) -> str:
    """"Bolu Pandan 500g (isi 8)" -> "BOLU-PANDAN-500G-ISI-8"."""
    words = re.findall(r"[a-z0-9]+", fold(name))
    base = "-".join(words).upper()[:MAX_BASE].strip("-")
    return base or "PRODUK"


def new_sku(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is still free."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
