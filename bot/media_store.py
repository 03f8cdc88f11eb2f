"""Files customers send (payment proofs above all), checked and kept under the data directory.

Channel-neutral: a channel adapter downloads the bytes its own way, then calls `check` and
`store`; the stored path becomes the Media ref the flows see. Not served publicly: proofs
carry bank details.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif",
              "image/heic": ".heic", "application/pdf": ".pdf"}
UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


class MediaRejected(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "type" | "too_large"


def base_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def check(content_type: str | None, size: int | None = None) -> None:
    """Raises MediaRejected unless it is an image or a PDF of at most 5 MB."""
    kind = base_type(content_type)
    if not (kind.startswith("image/") or kind == "application/pdf"):
        raise MediaRejected("type")
    if size is not None and size > MAX_BYTES:
        raise MediaRejected("too_large")


def inbound_dir(data_dir: Path, channel: str) -> Path:
    return Path(data_dir) / "inbound" / UNSAFE.sub("_", channel)


def store(data_dir: Path, channel: str, message_id: str, index: int, data: bytes, content_type: str) -> Path:
    """Writes the file atomically under data_dir/inbound/<channel>/; a redelivery overwrites the same name."""
    check(content_type, len(data))
    folder = inbound_dir(data_dir, channel)
    folder.mkdir(parents=True, exist_ok=True)
    kind = base_type(content_type)
    path = folder / f"{UNSAFE.sub('_', message_id)[:80]}-{index}{EXTENSIONS.get(kind, '.bin')}"
    tmp = folder / f".{path.name}.{uuid.uuid4().hex}.part"
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path.resolve()
