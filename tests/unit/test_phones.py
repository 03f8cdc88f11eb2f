"""Phone normalisation: every way Indonesians write a number is one E.164 string."""

from __future__ import annotations

import pytest

from bot.phones import normalize_phone


@pytest.mark.parametrize("raw", ["081234567890", "+6281234567890", "6281234567890", "0812-3456-7890",
                                 "+62 812 3456 7890", "whatsapp:+6281234567890", "(0812) 3456 7890"])
def test_local_international_and_whatsapp_forms_are_one_number(raw):
    assert normalize_phone(raw) == "+6281234567890"


def test_a_foreign_number_keeps_its_own_country_code():
    assert normalize_phone("+60123456789") == "+60123456789"
    assert normalize_phone("whatsapp:+14155238886") == "+14155238886"


@pytest.mark.parametrize("raw", [None, "", "abc", "12", "+62 12", "0000000000"])
def test_what_is_not_a_phone_number_is_none(raw):
    assert normalize_phone(raw) is None
