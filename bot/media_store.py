"""What a channel's own description of a file is worth before fetching it: Twilio names each
media's content type, so a video or a contact card is refused without downloading it. What the
bytes really are is decided afterwards by the one media store (media.store), which keeps them."""

from __future__ import annotations

from media.store import MAX_BYTES, MediaRejected

__all__ = ["MAX_BYTES", "MediaRejected", "base_type", "check"]


def base_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def check(content_type: str | None, size: int | None = None) -> None:
    """Raises MediaRejected unless it says it is an image or a PDF of at most 5 MB."""
    kind = base_type(content_type)
    if not (kind.startswith("image/") or kind == "application/pdf"):
        raise MediaRejected("type")
    if size is not None and size > MAX_BYTES:
        raise MediaRejected("too_large")
