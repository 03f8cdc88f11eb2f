"""What an owner types about the shop, read as data: a bank account in one line, delivery areas
with their fees, a phone number, a shop name. Pure; None (or []) when it cannot be read."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from language.names import tidy_name
from language.numbers import parse_rupiah

NAME_LEN = (2, 100)
ADDRESS_MIN = 10
MAX_ZONES = 20
_LEAD = re.compile(r"^\s*(?:(?:no(?:mor)?\.?\s*)?(?:rekening|rek)\.?\s*(?:bank)?|bank)\s*:?\s*", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d .-]{3,30}\d")
_HOLDER = re.compile(r"^\s*(?:a\.?\s?n\.?|a/n|atas\s+nama)\s*:?\s*", re.IGNORECASE)
_FEE = re.compile(r"^(?P<names>.+?)[\s:=-]*(?P<fee>(?:rp\.?\s*)?\d[\d.,]*\s*(?:rb|ribu|k|jt|juta)?|gratis|free"
                  r"|(?:ongkir\s+)?(?:menyusul|nyusul|dihitung|tanya))\s*$", re.IGNORECASE)
# An area named so means every address no other area names (ShopProfile.outside_zones).
OUTSIDE_NAMES = {"luar-kota", "luar-area", "luar-daerah", "luar-kota-lainnya", "lainnya", "semua-daerah"}
_ZONE_LEAD = re.compile(r"^\s*(?:ongkir|area(?:\s+antar)?|zona)\s*:?\s*", re.IGNORECASE)


def bank_account(text: str) -> dict[str, Any] | None:
    """ "BCA 1234567890 a.n. Sri Wahyuni" -> a bank_transfer payment method, or None."""
    rest = _LEAD.sub("", " ".join(text.split()))
    match = _NUMBER.search(rest)
    if match is None:
        return None
    number = re.sub(r"\D", "", match.group())
    before, after = rest[:match.start()].strip(" ,:-"), rest[match.end():].strip(" ,:-")
    holder_at = _HOLDER.search(after) or re.search(r"\s(?:a\.?\s?n\.?|a/n|atas\s+nama)\s", " " + after + " ", re.I)
    if before:
        bank, holder = before, _HOLDER.sub("", after)
    else:  # "1234567890 BCA a.n. Sri": the bank comes after the number
        split = re.split(r"\s(?:a\.?\s?n\.?|a/n|atas\s+nama)\s*:?\s*", " " + after, maxsplit=1, flags=re.I)
        if len(split) != 2:
            return None
        bank, holder = split[0].strip(" ,"), split[1]
    holder = holder.strip(" ,.")
    if holder_at is None and before and not holder:
        return None
    if not (5 <= len(number) <= 20 and 2 <= len(bank) <= 40 and 2 <= len(holder) <= 100):
        return None
    return {"kind": "bank_transfer", "label": "", "bank": bank.upper() if len(bank) <= 4 else bank,
            "account_number": number, "account_holder": holder, "qris_image": None}


def zone_id(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:40] or "area"


def zone(line: str) -> dict[str, Any] | None:
    """ "Sleman, Bantul 15rb" -> {"id", "name", "fee", "areas"}; "Kota Jogja gratis" costs nothing;
    "Luar kota menyusul": the seller quotes each order's fee ("quote": True)."""
    match = _FEE.match(_ZONE_LEAD.sub("", " ".join(line.split())))
    if match is None:
        return None
    names = match.group("names").strip(" ,:-")
    fee_text = match.group("fee").lower()
    if re.search(r"menyusul|nyusul|dihitung|tanya", fee_text):
        if not names or not re.search(r"[^\W\d_]", names):
            return None
        areas = [a.strip().lower() for a in re.split(r",|/|\bdan\b|&", names) if a.strip()]
        return {"id": zone_id(names), "name": names[:100], "fee": 0, "areas": areas, "quote": True}
    fee = 0 if fee_text in ("gratis", "free") else parse_rupiah(fee_text)
    if fee is None or fee < 0 or fee > 10_000_000 or not names or not re.search(r"[^\W\d_]", names):
        return None
    if fee_text.isdigit() and fee < 100:  # "Sleman 15": sellers drop the thousands
        fee *= 1000
    areas = [a.strip().lower() for a in re.split(r",|/|\bdan\b|&", names) if a.strip()]
    return {"id": zone_id(names), "name": names[:100], "fee": fee, "areas": areas}


def zones_change(existing: list[dict[str, Any]], found: list[dict[str, Any]]) -> dict[str, Any]:
    """The profile keys a list of areas sets: the areas (each replacing the one of its name), and a
    "luar kota" line as delivery beyond them (ShopProfile.outside_zones: a fixed fee, or quoted)."""
    outside = [z for z in found if z["id"] in OUTSIDE_NAMES]
    found = [z for z in found if z["id"] not in OUTSIDE_NAMES]
    after: dict[str, Any] = {"delivery_zones": [z for z in existing if z["id"] not in {f["id"] for f in found}] + found}
    if outside:
        after["outside_zones"] = {"allowed": True, "fee": None if outside[0].get("quote") else outside[0]["fee"],
                                  "name": outside[0]["name"]}
    return after


# Words of one place's name ("Kota Yogyakarta", "Jakarta Selatan"): a name with one of them is one place.
PLACE_WORDS = frozenset({"kota", "kab", "kabupaten", "kec", "kecamatan", "kel", "kelurahan", "desa", "dalam", "luar",
                         "sekitar", "area", "wilayah", "daerah", "jl", "jalan", "utara", "selatan", "barat", "timur",
                         "tengah", "raya", "pusat", "baru", "lama", "kulon", "wetan", "lor", "kidul"})


def joined_places(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Zones whose one area is several words that may be several places written without commas
    ("sleman bantul 15rb" is read as one place: an address naming only "Sleman" is not in it)."""
    return [z for z in found if len(z.get("areas") or []) == 1 and len(z["areas"][0].split()) >= 2
            and not set(z["areas"][0].split()) & PLACE_WORDS and z["id"] not in OUTSIDE_NAMES]


_FEE_END = re.compile(r"(?:\d\s*(?:rb|ribu|k|jt|juta)?|gratis|free|menyusul|nyusul|dihitung|tanya)\s*$", re.IGNORECASE)


def _lines(text: str) -> list[str]:
    """The areas' lines: one per line, or several on one line after each fee ("Bandung kota 10rb,
    luar kota menyusul"); a comma between names ("Sleman, Bantul 15rb") stays in its line."""
    text = re.sub(r"(\d),(\d{3})\b", r"\1.\2", text)  # "15,000": thousands, not a new area
    out: list[str] = []
    for line in re.split(r"[\n;]", text):
        current = ""
        for piece in line.split(","):
            current = f"{current},{piece}" if current else piece
            if _FEE_END.search(piece):
                out.append(current)
                current = ""
        if current.strip():
            out.append(current)
    return [line for line in out if line.strip()]


def zones(text: str) -> list[dict[str, Any]] | None:
    """One area per line; None when any line cannot be read (the owner is asked again)."""
    lines = _lines(text)
    found = [zone(line) for line in lines[:MAX_ZONES]]
    if not found or any(z is None for z in found):
        return None
    return [z for z in found if z is not None]


def phone(text: str) -> str | None:
    """A phone number as written, when it has the digits of one: "0812-3456-7890", "+62 812 ..."."""
    cleaned = re.sub(r"[\s().-]", "", text.strip())
    if not re.fullmatch(r"\+?\d{9,15}", cleaned):
        return None
    if cleaned.startswith("0"):
        return "+62" + cleaned[1:]
    return cleaned if cleaned.startswith("+") else "+" + cleaned


def shop_name(text: str) -> str | None:
    name = tidy_name(text.strip(" .,:"))
    return name if NAME_LEN[0] <= len(name) <= NAME_LEN[1] and re.search(r"[^\W\d_]", name) else None


def address(text: str) -> str | None:
    cleaned = " ".join(text.split()).strip(" ,")
    return cleaned[:300] if len(cleaned) >= ADDRESS_MIN else None
