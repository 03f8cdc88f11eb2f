"""QRIS: the EMVCo merchant-presented QR payload, read, checked, and made dynamic.

A payload is a run of fields `TT LL V...`: a two-digit tag, a two-digit length (counted in
characters), then the value; some values (merchant accounts 26-51, additional data 62, the
language template 64, 80-99) hold fields of their own. The last field is tag 63, four hex
digits of CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF, no reflection) over the UTF-8
bytes of everything before it, "6304" included.

A shop's printed QRIS is static (tag 01 = "11"): the payer types the amount. `to_dynamic`
makes the code for one order: tag 01 = "12" and the exact amount in tag 54 (in tag order,
before 58), with a new CRC. A tip or convenience-fee prompt (tags 55-57) is dropped so the
customer pays exactly the order's amount. Some payment apps refuse converted codes: a seller
should test one payment first (the README says so).

We keep this small module rather than a PyPI one: the QRIS libraries there are young
(qriskit 0.2 was the soundest, alpha, one author), and the three things needed here
(fields, CRC, conversion) are a few dozen lines that the tests pin down against the
EMVCo specification's own example and published payloads.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

TEMPLATES = {f"{n:02d}" for n in (*range(26, 52), 62, 64, *range(80, 100))}
STATIC, DYNAMIC = "11", "12"
RUPIAH, INDONESIA = "360", "ID"
_TIP_TAGS = {"55", "56", "57"}
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_MAX_AMOUNT = 10**13 - 1  # tag 54 holds at most 13 characters


class QrisError(ValueError):
    """The payload cannot be used; `reason` is a key of texts.id.books.QRIS_REFUSED."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE of the text's UTF-8 bytes, as four upper-case hex digits."""
    return f"{binascii.crc_hqx(data.encode('utf-8'), 0xFFFF):04X}"


@dataclass(frozen=True)
class Field:
    tag: str
    value: str

    def encode(self) -> str:
        if len(self.value) > 99:
            raise QrisError("format", f"tag {self.tag} value longer than 99 characters")
        return f"{self.tag}{len(self.value):02d}{self.value}"

    @property
    def children(self) -> tuple[Field, ...]:
        """The fields inside a template value (empty for a plain field or a malformed template)."""
        if self.tag not in TEMPLATES:
            return ()
        try:
            return tuple(parse_fields(self.value))
        except QrisError:
            return ()


def parse_fields(text: str) -> list[Field]:
    fields, pos = [], 0
    while pos < len(text):
        head = text[pos:pos + 4]
        if len(head) < 4 or not head.isascii() or not head.isdigit():
            raise QrisError("format", f"no tag and length at character {pos}")
        end = pos + 4 + int(head[2:])
        if end > len(text):
            raise QrisError("format", f"tag {head[:2]} runs past the end")
        fields.append(Field(head[:2], text[pos + 4:end]))
        pos = end
    return fields


def encode(fields: list[Field] | tuple[Field, ...]) -> str:
    """The payload of `fields` (without any 63) with its CRC field added."""
    body = "".join(f.encode() for f in fields if f.tag != "63") + "6304"
    return body + crc16(body)


@dataclass(frozen=True)
class Qris:
    payload: str
    fields: tuple[Field, ...]

    def get(self, tag: str) -> str | None:
        return next((f.value for f in self.fields if f.tag == tag), None)

    @property
    def dynamic(self) -> bool:
        return self.get("01") == DYNAMIC

    @property
    def amount(self) -> str | None:
        return self.get("54")

    @property
    def merchant_name(self) -> str:
        return self.get("59") or ""

    @property
    def merchant_city(self) -> str:
        return self.get("60") or ""

    @property
    def merchant_accounts(self) -> list[dict[str, str]]:
        """Merchant account templates (26-51) as {sub-tag: value}; "00" is the provider's id."""
        return [{c.tag: c.value for c in f.children} for f in self.fields if "26" <= f.tag <= "51"]

    @property
    def nmid(self) -> str | None:
        """The national merchant id (NMID) from the ID.CO.QRIS.WWW template, when there is one."""
        return next((a.get("02") for a in self.merchant_accounts if a.get("00", "").upper() == "ID.CO.QRIS.WWW"), None)


def parse(payload: str) -> Qris:
    """Reads and checks a payload: well-formed fields, 00 first, 63 last with the right CRC."""
    payload = (payload or "").strip()
    fields = parse_fields(payload)
    if not fields or fields[0] != Field("00", "01"):
        raise QrisError("format", "a payload starts with 000201")
    last = fields[-1]
    if last.tag != "63" or not _HEX4.fullmatch(last.value):
        raise QrisError("format", "a payload ends with tag 63 and four hex digits")
    if sum(f.tag == "63" for f in fields) != 1 or len({f.tag for f in fields}) != len(fields):
        raise QrisError("format", "a tag appears twice")
    expected = crc16(payload[:-4])
    if last.value.upper() != expected:
        raise QrisError("crc", f"CRC is {last.value}, the payload's is {expected}")
    if fields[1].tag != "01" and any(f.tag == "01" for f in fields):
        raise QrisError("format", "tag 01 must follow 00")
    if (fields[1].value if fields[1].tag == "01" else STATIC) not in (STATIC, DYNAMIC):
        raise QrisError("format", "tag 01 is 11 (static) or 12 (dynamic)")
    return Qris(payload, tuple(fields))


def parse_shop_qris(payload: str) -> Qris:
    """A payload a shop gives as its own: an Indonesian (Rupiah) merchant code with an account."""
    qris = parse(payload)
    if qris.get("53") != RUPIAH or qris.get("58") != INDONESIA or not qris.merchant_accounts:
        raise QrisError("format", "not an Indonesian merchant QRIS (53=360, 58=ID, a merchant account)")
    return qris


def to_dynamic(payload: str, amount: int) -> str:
    """The shop's QRIS carrying exactly `amount` Rupiah, for one order."""
    if not isinstance(amount, int) or not 0 < amount <= _MAX_AMOUNT:
        raise QrisError("amount", f"amount {amount!r} is not 1..{_MAX_AMOUNT} Rupiah")
    qris = parse_shop_qris(payload)
    kept = [f for f in qris.fields if f.tag not in {"01", "54", "63"} | _TIP_TAGS]
    fields = [kept[0], Field("01", DYNAMIC)]
    rest = kept[1:]
    at = next((i for i, f in enumerate(rest) if f.tag > "54"), len(rest))
    return encode(fields + rest[:at] + [Field("54", str(amount))] + rest[at:])
