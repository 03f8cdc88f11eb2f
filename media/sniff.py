"""What a file is, read from its first bytes (never from the name or the header a channel sent):
a photo that is really text, HTML or a program is refused whatever it claims to be."""

from __future__ import annotations

# (magic at offset 0, content type, extension); WebP is RIFF....WEBP and is checked apart.
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
    (b"%PDF-", "application/pdf", ".pdf"),
)
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
EXTENSIONS = {kind: ext for _, kind, ext in SIGNATURES} | {"image/webp": ".webp"}


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) of an image or a PDF, or None for anything else."""
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    for magic, kind, ext in SIGNATURES:
        if data.startswith(magic):
            return kind, ext
    return None


def is_image(content_type: str) -> bool:
    return content_type in IMAGE_TYPES
