"""The shop's files on disk, named by the SHA-256 of their bytes (the same photo sent twice is
one file), each picture with a small copy for lists.

    <root>/incoming/<hash>.<ext>                 fetched from a channel, shop not known yet
    <root>/<shop id>/public/<hash>.<ext>         a seller's pictures: ref /media/<shop id>/<name>
    <root>/<shop id>/public/<hash>.thumb.jpg     its copy for lists
    <root>/<shop id>/private/<hash>.<ext>        a customer's files (proofs): ref private:<shop id>/<name>

A channel fetches the bytes once and calls `receive`; the engine, once it knows the shop and
who sent them, calls `adopt`, which files them as the shop's public or private files. The
refs are what the database keeps; bot.media_links turns them into URLs per channel.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from media.sniff import is_image, sniff

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a small file that unpacks to a huge picture is refused, not resized
THUMB_SIDE = 320
PUBLIC_PREFIX = "/media/"
PRIVATE_PREFIX = "private:"
INCOMING_PREFIX = "incoming:"
INCOMING_KEEP_SECONDS = 3600  # an hour: a message is handled in seconds, or retried within minutes
NAME = re.compile(r"^[0-9a-f]{64}(?:\.thumb)?\.(?:jpg|png|gif|webp|pdf)$")


class MediaRejected(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "type" | "too_large"


@dataclass(frozen=True)
class Kept:
    ref: str
    content_type: str


def _write(path: Path, data: bytes) -> None:
    """Atomically, once: a file named by its content that exists already is that content."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def check(data: bytes) -> tuple[str, str]:
    """(content type, extension) of an image or PDF of at most MAX_BYTES whose bytes say so;
    a picture must also open as one (a JPEG header on garbage is not a photo)."""
    if len(data) > MAX_BYTES:
        raise MediaRejected("too_large")
    found = sniff(data)
    if found is None:
        raise MediaRejected("type")
    if is_image(found[0]):
        from PIL import Image, UnidentifiedImageError  # only when a picture arrives: every CLI run and start stays lean

        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise MediaRejected("too_large")
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise MediaRejected("type") from exc
    return found


def thumbnail(data: bytes, side: int = THUMB_SIDE) -> bytes:
    """A JPEG at most side x side, upright (the camera's EXIF turn applied), first frame of a GIF."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        small = ImageOps.exif_transpose(image)
        small.thumbnail((side, side))
        if small.mode != "RGB":
            small = small.convert("RGBA") if "A" in small.getbands() or small.mode == "P" else small.convert("RGB")
            if small.mode == "RGBA":  # transparent parts on white, as a chat shows them
                back = Image.new("RGB", small.size, "white")
                back.paste(small, mask=small.getchannel("A"))
                small = back
        out = io.BytesIO()
        small.save(out, "JPEG", quality=80, optimize=True)
        return out.getvalue()


def thumb_name(name: str) -> str:
    return name.rsplit(".", 1)[0] + ".thumb.jpg"


def sweep_folder(folder: Path, older_than_seconds: float, now: float | None = None) -> int:
    """Deletes the files in folder last written more than the limit ago; how many went."""
    if not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - older_than_seconds
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another process swept it first
            continue
    return removed


class MediaStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def receive(self, data: bytes) -> Kept:
        """Checks and keeps bytes a channel fetched; raises MediaRejected."""
        kind, ext = check(data)
        name = hashlib.sha256(data).hexdigest() + ext
        path = self.root / "incoming" / name
        _write(path, data)
        os.utime(path)  # the same bytes again: fresh for the sweep, which goes by age
        return Kept(INCOMING_PREFIX + name, kind)

    def sweep_incoming(self, older_than_seconds: float = INCOMING_KEEP_SECONDS, now: float | None = None) -> int:
        """Deletes fetched files older than the limit: by then the engine has filed each one it
        took into the shop's folders (a copy) or never will (a message to no shop, a crash between
        the fetch and the commit). Without this every photo would stay on disk twice, forever."""
        return sweep_folder(self.root / "incoming", older_than_seconds, now)


    def put(self, shop_id: int, data: bytes, *, public: bool) -> Kept:
        """Bytes straight into a shop's files (an upload from the simulator page or the CLI)."""
        kept = self.adopt(self.receive(data).ref, shop_id, public=public)
        assert kept is not None
        return kept

    def adopt(self, ref: str, shop_id: int, *, public: bool) -> Kept | None:
        """An incoming file made the shop's (public: a seller's picture; else private), with its
        small copy; None when ref is not an incoming file of this store."""
        if not ref.startswith(INCOMING_PREFIX):
            return None
        name = ref[len(INCOMING_PREFIX):]
        source = self.root / "incoming" / name
        if not NAME.match(name) or not source.is_file():
            return None
        data = source.read_bytes()
        kind = sniff(data)
        if kind is None:
            return None
        folder = self.root / str(int(shop_id)) / ("public" if public else "private")
        _write(folder / name, data)
        if is_image(kind[0]) and not (folder / thumb_name(name)).exists():
            _write(folder / thumb_name(name), thumbnail(data))
        ref = f"{PUBLIC_PREFIX}{int(shop_id)}/{name}" if public else f"{PRIVATE_PREFIX}{int(shop_id)}/{name}"
        return Kept(ref, kind[0])

    def file(self, shop_id: int, name: str, *, public: bool) -> Path | None:
        """The file a URL names, or None: names are only ever our hashes, never a path."""
        if not NAME.match(name):
            return None
        path = self.root / str(int(shop_id)) / ("public" if public else "private") / name
        return path if path.is_file() else None

    def path_of(self, ref: str) -> Path | None:
        """The file behind a public or private ref of this store."""
        parsed = parse(ref)
        return self.file(parsed[0], parsed[1], public=parsed[2]) if parsed else None


REF = re.compile(r"^(?:/media/|private:)(\d{1,12})/([^/]+)$")


def parse(ref: str) -> tuple[int, str, bool] | None:
    """(shop id, name, public) of a store ref, or None for anything else (a URL, a demo path, a file id)."""
    m = REF.match(ref or "")
    if m is None or not NAME.match(m.group(2)):
        return None
    return int(m.group(1)), m.group(2), ref.startswith(PUBLIC_PREFIX)


def thumb_ref(ref: str) -> str | None:
    """The list copy of a picture in the store, else None (show the picture itself)."""
    parsed = parse(ref)
    if parsed is None or parsed[1].endswith((".pdf", ".thumb.jpg")):
        return None
    return ref.rsplit("/", 1)[0] + "/" + thumb_name(parsed[1])
