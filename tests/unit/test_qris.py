"""QRIS payloads: fields, CRC-16/CCITT-FALSE, static -> dynamic, and pictures both ways."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageFilter

from orders.qris import Field, QrisError, crc16, encode, parse, parse_shop_qris, to_dynamic
from orders.qris_image import qr_png, read_qr_texts, read_qris

# The example payload of the EMV QR Code Specification for Payment Systems, Merchant-Presented
# Mode, v1.1, Appendix A (a dynamic code in yuan with a Chinese language template); the same
# string is the "official sample" in the tests of several EMVCo parsers on GitHub.
EMVCO_SPEC_SAMPLE = ("00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN"
                     "5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412"
                     "340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A")
# A dynamic ShopeePay payload from the README of github.com/sunary/qris (a Go QRIS library).
SUNARY_README = ("00020101021226380016ID.CO.SHOPEE.WWW010201020815863724530336054061440005802ID5921PT. SHOPPEE "
                 "INDONESIA6007JAKARTA62180814gen by go-qris63049635")
# A static merchant QRIS (Bank Nobu, with its national QRIS template) published as the base code of a
# "Dynamic QRIS Implementation Guide" in a public project found by code search; the guide shows it made
# dynamic for Rp20.023 by setting 010212 and putting 540520023 before 5802ID.
PUBLISHED_STATIC = ("00020101021126670016COM.NOBUBANK.WWW01189360050300000879140214703239147837910303UMI51440014"
                    "ID.CO.QRIS.WWW0215ID20232709941630303UMI5204481253033605802ID5923GRANOOL STORE OK12295776006"
                    "KEDIRI61056421262070703A0163047127")


def crc_by_hand(text: str) -> str:
    """CRC-16/CCITT-FALSE bit by bit, written out here so the module's CRC is checked against another."""
    crc = 0xFFFF
    for byte in text.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def hand_built_static() -> str:
    """A static QRIS for a made-up warung, field by field."""
    body = ("000201" "010211"
            "2644" "0014ID.CO.QRIS.WWW" "0215ID1026123456789" "0303UMI"
            "5204" "5812" "5303" "360" "5802" "ID" "5914" "WARUNG BU SITI" "6006" "MALANG" "6105" "65111"
            "6304")
    return body + crc_by_hand(body)


def test_crc_is_ccitt_false_with_its_standard_check_value() -> None:
    assert crc16("123456789") == "29B1"  # the catalogue check value of CRC-16/CCITT-FALSE
    assert crc16("") == "FFFF"


@given(st.text(max_size=200))
def test_crc_agrees_with_a_bitwise_implementation(text: str) -> None:
    assert crc16(text) == crc_by_hand(text)


def test_a_hand_built_payload_reads_field_by_field() -> None:
    payload = hand_built_static()
    q = parse_shop_qris(payload)
    assert [f.tag for f in q.fields] == ["00", "01", "26", "52", "53", "58", "59", "60", "61", "63"]
    assert (q.dynamic, q.amount, q.merchant_name, q.merchant_city) == (False, None, "WARUNG BU SITI", "MALANG")
    assert q.merchant_accounts == [{"00": "ID.CO.QRIS.WWW", "02": "ID1026123456789", "03": "UMI"}]
    assert q.nmid == "ID1026123456789"
    assert encode(q.fields) == payload


def test_the_spec_example_and_published_payloads_have_valid_crcs() -> None:
    spec = parse(EMVCO_SPEC_SAMPLE)
    assert (spec.dynamic, spec.amount, spec.merchant_name, spec.get("53")) == (True, "23.72", "BEST TRANSPORT", "156")
    assert {c.tag: c.value for f in spec.fields if f.tag == "64" for c in f.children} == \
        {"00": "ZH", "01": "最佳运输", "02": "北京"}  # lengths count characters; the CRC is over UTF-8
    shopee = parse_shop_qris(SUNARY_README)
    assert (shopee.dynamic, shopee.amount, shopee.merchant_accounts[0]["00"]) == (True, "144000", "ID.CO.SHOPEE.WWW")
    nobu = parse_shop_qris(PUBLISHED_STATIC)
    assert (nobu.dynamic, nobu.nmid, nobu.merchant_city) == (False, "ID2023270994163", "KEDIRI")


@pytest.mark.parametrize("payload", [EMVCO_SPEC_SAMPLE, SUNARY_README, PUBLISHED_STATIC])
def test_a_changed_character_is_refused_as_a_wrong_crc(payload: str) -> None:
    broken = payload.replace("JAKARTA", "JAKARTO").replace("KEDIRI", "KEDIRO").replace("BEIJING", "BEIJINX")
    with pytest.raises(QrisError) as refused:
        parse(broken)
    assert refused.value.reason == "crc" and "CRC" in str(refused.value)


@pytest.mark.parametrize("payload", ["", "hello", "000201", "00020101021163", "010211000201" + "6304ABCD",
                                     PUBLISHED_STATIC[:-4] + "ZZZZ", PUBLISHED_STATIC[:40]])
def test_what_is_not_a_payload_is_refused_as_format(payload: str) -> None:
    with pytest.raises(QrisError) as refused:
        parse(payload)
    assert refused.value.reason == "format"


def test_a_foreign_code_is_not_a_shop_qris() -> None:
    with pytest.raises(QrisError) as refused:
        parse_shop_qris(EMVCO_SPEC_SAMPLE)
    assert refused.value.reason == "format"


def test_static_becomes_dynamic_with_the_exact_amount() -> None:
    dynamic = to_dynamic(PUBLISHED_STATIC, 20_023)
    # What the published guide describes, done here by string surgery: 010211 -> 010212, the
    # amount field before 5802ID, the CRC recomputed.
    body = PUBLISHED_STATIC[:-4].replace("010211", "010212", 1).replace("5802ID", "540520023" "5802ID", 1)
    assert dynamic == body + crc_by_hand(body)
    q = parse_shop_qris(dynamic)
    assert (q.dynamic, q.amount) == (True, "20023")
    tags = [f.tag for f in q.fields]
    assert tags[:2] == ["00", "01"] and tags[-1] == "63" and tags[2:-1] == sorted(tags[2:-1])


def test_a_dynamic_code_gets_its_amount_replaced_and_tip_prompts_dropped() -> None:
    with_tip = encode([f for f in parse(hand_built_static()).fields] + [Field("55", "02"), Field("56", "1000")])
    q = parse_shop_qris(to_dynamic(to_dynamic(with_tip, 5_000), 58_001))
    assert q.amount == "58001" and q.get("55") is None and q.get("56") is None
    assert [f.tag for f in q.fields].count("54") == 1


@pytest.mark.parametrize("amount", [0, -5, 10**13, 1.5])
def test_impossible_amounts_are_refused(amount: int) -> None:
    with pytest.raises(QrisError) as refused:
        to_dynamic(PUBLISHED_STATIC, amount)
    assert refused.value.reason == "amount"


def test_a_wrong_crc_is_never_repaired_into_a_dynamic_code() -> None:
    with pytest.raises(QrisError) as refused:
        to_dynamic(PUBLISHED_STATIC[:-1] + "8", 10_000)
    assert refused.value.reason == "crc"


@given(st.integers(1, 10**13 - 1))
def test_any_amount_round_trips(amount: int) -> None:
    q = parse_shop_qris(to_dynamic(hand_built_static(), amount))
    assert q.amount == str(amount) and q.dynamic


def test_the_picture_decodes_back_to_the_same_payload() -> None:
    payload = to_dynamic(PUBLISHED_STATIC, 58_001)
    png = qr_png(payload)
    assert png.startswith(b"\x89PNG")
    assert read_qris(png).payload == payload


def test_a_photo_of_the_code_still_reads() -> None:
    """A seller's photo: the code small on a bigger page, turned a little, softened, saved as JPEG."""
    code = Image.open(io.BytesIO(qr_png(PUBLISHED_STATIC, scale=6))).convert("RGB")
    page = Image.new("RGB", (code.width * 2, code.height * 2), (236, 230, 220))
    page.paste(code, (code.width // 2, code.height // 3))
    photo = page.rotate(7, expand=True, fillcolor=(236, 230, 220)).filter(ImageFilter.GaussianBlur(1))
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=70)
    assert read_qris(out.getvalue()).payload == PUBLISHED_STATIC


def test_a_picture_without_a_code_or_not_a_picture_is_refused() -> None:
    blank = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(blank, format="PNG")
    for data in (blank.getvalue(), b"not an image"):
        with pytest.raises(QrisError) as refused:
            read_qris(data)
        assert refused.value.reason == "no_qr"


def test_a_qr_that_is_not_qris_is_read_but_refused() -> None:
    png = qr_png("https://example.com/menu")
    assert read_qr_texts(png) == ["https://example.com/menu"]
    with pytest.raises(QrisError) as refused:
        read_qris(png)
    assert refused.value.reason == "format"
