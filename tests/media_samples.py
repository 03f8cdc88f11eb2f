"""Real pictures for the media tests, made with Pillow in memory."""

from __future__ import annotations

import io

from PIL import Image


def picture(width: int = 64, height: int = 48, color: str = "orange", kind: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB" if kind == "JPEG" else "RGBA", (width, height), color).save(out, kind)
    return out.getvalue()


def is_picture(data: bytes) -> tuple[int, int] | None:
    """The size of the picture these bytes are, or None when they are none."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return image.size
    except Exception:
        return None
