"""QRIS pictures: a payload drawn as a PNG QR code (segno), and a picture read back (zxing-cpp).

Both libraries are imported when first used. Reading is what a seller's QRIS photo goes
through (a sticker photographed at an angle, a screenshot with the app around it): zxing-cpp
finds and straightens the code; we keep the first QR whose text is a valid QRIS.
"""

from __future__ import annotations

import io

from orders.qris import Qris, QrisError, parse

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
_MAX_PIXELS = 40_000_000  # a phone photo is ~12 MP; anything far larger is refused unread


def qr_png(payload: str, scale: int = 10) -> bytes:
    """The payload as a PNG QR code, error correction M (QRIS stickers use M or better)."""
    import segno

    code = segno.make_qr(payload, error="m", boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=QUIET_ZONE)
    return out.getvalue()


def read_qr_texts(image: bytes) -> list[str]:
    """The texts of every QR code in a picture (PNG, JPEG, ...), in the order zxing-cpp finds them."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(image)) as picture:
            if picture.width * picture.height > _MAX_PIXELS:
                raise QrisError("no_qr", "picture too large")
            found = zxingcpp.read_barcodes(picture.convert("L"))
    except (UnidentifiedImageError, OSError) as exc:
        raise QrisError("no_qr", f"not a picture: {exc}") from None
    return [b.text for b in found if "QR" in str(b.format)]


def read_qris(image: bytes) -> Qris:
    """The QRIS in a picture; QrisError("no_qr") when none is there, or the payload's own error."""
    texts = read_qr_texts(image)
    if not texts:
        raise QrisError("no_qr", "no QR code found")
    error: QrisError | None = None
    for text in texts:
        try:
            return parse(text)
        except QrisError as exc:
            error = error or exc
    assert error is not None
    raise error
