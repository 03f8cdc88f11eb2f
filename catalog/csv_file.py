"""A catalog file as text, whatever the seller's spreadsheet saved: UTF-8 (with or without the
BOM Excel writes), UTF-16 ("Unicode text"), else Windows-1252 or Latin-1, the older Excel's
choice on Windows; said which, so a wrong guess can be seen. A file that is missing, empty,
too big, or not text at all (an .xlsx workbook, a picture) is refused with what to do instead."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024  # far above any shop's catalog; a bigger file is not one


class FileRefused(Exception):
    """The file cannot be read as a catalog; the message says why and what to do."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # as said to the user: "UTF-8", "UTF-8 with BOM", "Windows-1252", ...


def read(path: Path) -> Decoded:
    try:
        if not path.exists():
            raise FileRefused("no such file")
        if not path.is_file():
            raise FileRefused("not a file (a folder?)")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FileRefused(f"{size:,} bytes is too big for a catalog (at most {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise FileRefused(f"cannot be read ({exc.strerror or exc})") from exc
    return decode(data)


def decode(data: bytes) -> Decoded:
    if not data.strip():
        raise FileRefused("the file is empty")
    if data.startswith(b"PK\x03\x04"):
        raise FileRefused("this is an Excel workbook (.xlsx), not a CSV: in Excel choose "
                          "File > Save As > CSV, then import that file")
    for bom, encoding, said in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
                                (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), said)
            except UnicodeDecodeError as exc:
                raise FileRefused(f"it starts like {said} but is not ({exc.reason})") from exc
    if b"\x00" in data:
        raise FileRefused("not a text file (it holds binary data); save the sheet as CSV")
    for encoding, said in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            return _checked(data.decode(encoding), said)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def _checked(text: str, said: str) -> Decoded:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > max(3, len(text) // 100):
        raise FileRefused("not a text file (control characters throughout); save the sheet as CSV")
    return Decoded(text, said)
