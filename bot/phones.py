"""Phone numbers as one canonical E.164 string, so 0812…, +62812…, 62812… and
`whatsapp:+62812…` are the same person. Indonesia is the default region."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

DEFAULT_REGION = "ID"


# Every Twilio post names two numbers, and the same people write again and again: parsing them
# with phonenumbers was ~8% of the Twilio webhook's time (docs/PERFORMANCE.md). The answer
# depends on the arguments alone.
@lru_cache(maxsize=4096)
def masked(number: str) -> str:
    """A customer's number as a log line shows it: enough to tell two apart, not to call them."""
    return number[:-7] + "****" + number[-3:] if len(number) > 9 else "****"


def normalize_phone(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
    """E.164 (`+6281234567890`) for anything that reads as a valid number, else None."""
    if not raw:
        return None
    text = raw.strip().removeprefix("whatsapp:").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return None
    # Telegram and WhatsApp ids give the country code without the plus ("6281…"); a local
    # number starts with 0, so a bare number starting with the country code is international.
    if not text.startswith(("+", "0")) and not text.startswith("00"):
        code = str(phonenumbers.country_code_for_region(region))
        if digits.startswith(code) and len(digits) > 9:
            text = "+" + digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
