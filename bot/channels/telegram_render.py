"""How an Outbound looks on Telegram, as pure functions: WhatsApp-style *bold* and _italic_
turned into escaped Telegram HTML, texts split under Telegram's limits, choices as inline
keyboards with compact callback data, and the plan of API calls for one Outbound.

Limits are counted the way Telegram counts them: UTF-16 code units of the visible text
(markup removed), so an emoji counts 2 and a tag counts 0.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.messages import Outbound
from conversations.base import Button
from texts.id import telegram as telegram_texts

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64  # bytes
HASHED = "~"  # callback data standing for a value too long to send; read back by its label
PAGE = "@"  # a button on a page message: pressing it may replace that message in place

# WhatsApp's rule, which our texts are written for: a marker opens before a non-space and
# closes after one, and is not glued to a word, so snake_case and "Level_5" stay literal.
BOLD = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
ITALIC = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")

ROW_CHARS = 30  # labels per row, in characters, before a row wraps
ROW_BUTTONS = 3
ALONE_CHARS = 20  # a label this long gets a row of its own


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _spans(text: str, pattern: re.Pattern[str], tag: str, leaf: Callable[[str], str]) -> str:
    """Text with pattern's spans wrapped in <tag> (or just unmarked when tag is empty)."""
    opening, closing = (f"<{tag}>", f"</{tag}>") if tag else ("", "")
    out, pos = [], 0
    for m in pattern.finditer(text):
        out += [leaf(text[pos:m.start()]), opening, leaf(m.group(1)), closing]
        pos = m.end()
    out.append(leaf(text[pos:]))
    return "".join(out)


def _line(line: str, tags: bool) -> str:
    # Italics are looked for inside and outside bold spans separately, so tags always nest.
    def italics(part: str) -> str:
        return _spans(part, ITALIC, "i" if tags else "", _escape if tags else str)

    return _spans(line, BOLD, "b" if tags else "", italics)


def to_html(text: str) -> str:
    """Our chat markup as Telegram HTML, with <, > and & escaped everywhere else."""
    return "\n".join(_line(line, tags=True) for line in text.split("\n"))


def plain(text: str) -> str:
    """The visible text of to_html(text), for a plain-text retry."""
    return "\n".join(_line(line, tags=False) for line in text.split("\n"))


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Pieces of at most `limit` UTF-16 units, cut at a paragraph, a line or a space when possible.

    Measured on the source, which is never shorter than what Telegram counts, and cut between
    lines, so a *bold* span (always within one line) is never cut in two."""
    pieces: list[str] = []
    rest = text.strip("\n")
    while utf16_len(rest) > limit:
        head = _prefix(rest, limit)
        # The latest paragraph break, else line break, else space, unless it leaves a stub piece.
        cut = next((c for sep in ("\n\n", "\n", " ") if (c := head.rfind(sep)) > len(head) // 2), len(head))
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def _prefix(text: str, limit: int) -> str:
    """The longest prefix of text within limit UTF-16 units (never splitting a surrogate pair)."""
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:i]
    return text


def callback_data(value: str, page: bool = False) -> str:
    data = (PAGE if page else "") + value
    if len(data.encode()) <= CALLBACK_LIMIT:
        return data
    # Too long for Telegram: send a digest; telegram_in finds the button by it and reads its label.
    return (PAGE if page else "") + HASHED + hashlib.sha256(value.encode()).hexdigest()[:32]


def keyboard(buttons: Sequence[Button], page: bool = False) -> InlineKeyboardMarkup | None:
    """Buttons packed into rows: short labels share a row, long ones (product names) stand alone."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    width = 0
    for b in buttons:
        size = len(b.label)
        row = rows[-1] if rows else None
        fits = (row is not None and size < ALONE_CHARS and len(row) < ROW_BUTTONS and width + size <= ROW_CHARS
                and len(row[-1].text) < ALONE_CHARS)
        button = InlineKeyboardButton(b.label, callback_data=callback_data(b.value, page))
        if fits:
            row.append(button)  # type: ignore[union-attr]
            width += size
        else:
            rows.append([button])
            width = size
    return InlineKeyboardMarkup(rows)


@dataclass(frozen=True)
class Part:
    """One Bot API call: a text message, a photo with a caption, or an edit of an earlier message."""

    text: str  # our chat markup; rendered with to_html when sent
    keyboard: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None
    photo: str | None = None  # URL, Telegram file_id, or a /media/... path we serve
    edit: int | None = None  # message id to replace in place
    album: tuple[tuple[str, str], ...] = ()  # (picture, caption) pairs sent as one album (sendMediaGroup)


ALBUM_MAX = 10  # Telegram's limit of pictures in one album


def pictures(out: Outbound) -> list[Part]:
    """A list's product pictures: one photo with its caption, or an album of up to ten."""
    shown = [(p.url, split_text(p.caption, CAPTION_LIMIT)[0]) for p in out.pictures[:ALBUM_MAX]]
    if len(shown) == 1:
        return [Part(shown[0][1], photo=shown[0][0])]
    return [Part("", album=tuple(shown))] if shown else []


def plan(out: Outbound) -> list[Part]:
    """The calls that show out: a list's pictures, the photo (caption within 1,024), then texts
    within 4,096, keyboard last. A page with pictures comes as new messages, never edited in
    place (the pictures would stay above an older page)."""
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = keyboard(out.buttons, page=bool(out.extra.get("in_place")))
    if markup is None and out.extra.get("ask_contact"):  # Telegram shares the person's own number with this button
        markup = ReplyKeyboardMarkup([[KeyboardButton(telegram_texts.SHARE_CONTACT, request_contact=True)]],
                                     resize_keyboard=True, one_time_keyboard=True)
    photo = out.image_url
    text = out.text
    parts: list[Part] = pictures(out)
    if photo:
        caption = split_text(text, CAPTION_LIMIT)[0] if text.strip() else ""
        rest = text.strip("\n")[len(caption):].strip("\n ") if caption else ""
        parts.append(Part(caption, None if rest else markup, photo=photo))
        text = rest
        if not text:
            return parts
    pieces = split_text(text)
    edit = out.extra.get("edit")
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        parts.append(Part(piece, markup if last else None,
                          edit=int(edit) if edit and len(pieces) == 1 and not photo and not out.pictures else None))
    return parts
