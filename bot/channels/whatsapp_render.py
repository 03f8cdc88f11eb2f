"""Outbound -> the Twilio `messages.create` arguments for WhatsApp (pure, unit-tested).

Plain WhatsApp messages have no inline keyboards: choices become a numbered list ("1. Katalog")
that handlers.choices maps back, or a "ketik: …" hint where a bare number means a quantity.
Where the shop has Content templates, choices go out as quick replies or a list picker instead.
Our *bold* and _italic_ are WhatsApp's own markup already, so text goes out as it is.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from bot.messages import Outbound
from shops.profile import WhatsAppTemplates
from texts.id import whatsapp as t

PICTURES_MAX = 10  # image messages before one list: a page's products, never a flood
BODY_LIMIT = 1600  # Twilio's limit for one WhatsApp body
CAPTION_LIMIT = 1024  # WhatsApp's limit for text under a photo, and for a template's body
QUICK_REPLY_MAX, QUICK_REPLY_LABEL = 3, 20
LIST_MAX, LIST_LABEL = 10, 24
ONE_LINE_LIMIT = 1000  # a template variable: one line, no tabs, WhatsApp's length cap with room to spare
DECORATION = {"So", "Sk", "Pi", "Pf", "Mn", "Cf", "Zs"}  # emoji, arrows like «, joiners, spaces

Create = dict[str, Any]


def short_label(label: str) -> str:
    """The label without leading emoji or arrows: "🛍️ Katalog" -> "Katalog"."""
    i = 0
    while i < len(label) and unicodedata.category(label[i]) in DECORATION:
        i += 1
    return label[i:].strip() or label.strip()


def with_choices(out: Outbound) -> str:
    """The text with its buttons written out as a numbered list or a hint of what to type."""
    if not out.buttons:
        return out.text
    if out.extra.get("numbered", True):
        lines = "\n".join(f"{i}. {short_label(b.label)}" for i, b in enumerate(out.buttons, start=1))
        return f"{out.text}\n\n{lines}\n{t.NUMBERED_HINT}"
    options = t.TYPE_SEPARATOR.join(short_label(b.label) for b in out.buttons)
    return f"{out.text}\n\n{t.TYPE_HINT.format(options=options)}"


def list_numbers(out: Outbound) -> dict[str, str]:
    """{label: "3. "} of a numbered list, so a product's photo carries the number to answer with."""
    if not out.buttons or not out.extra.get("numbered", True):
        return {}
    return {short_label(b.label): f"{i}. " for i, b in enumerate(out.buttons, start=1)}


def split_body(text: str, limit: int = BODY_LIMIT) -> list[str]:
    """Cuts a long text at paragraph, then line, then word boundaries into pieces that fit."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        # A paragraph break only when it keeps at least half a message: a header's blank line
        # alone must not become a message of its own, with the list it heads in the next one.
        paragraph = window.rfind("\n\n")
        cut = (paragraph if paragraph >= limit // 2 else 0) or max(window.rfind("\n"), 0) \
            or max(window.rfind(" "), 0) or limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def public_media_url(url: str, public_url: str) -> str:
    """Twilio fetches media itself, so a relative /media/... path needs our public base."""
    if re.match(r"^https?://", url):
        return url
    return public_url.rstrip("/") + "/" + url.lstrip("/")


def render(out: Outbound, templates: WhatsAppTemplates, public_url: str) -> list[Create]:
    """One or more messages for an Outbound inside the 24-hour window, in sending order."""
    template = choice_template(out, templates)
    numbers = list_numbers(out) if template is None else {}
    creates: list[Create] = [{"body": (numbers.get(p.caption, "") + p.caption)[:CAPTION_LIMIT],
                              "media_url": [public_media_url(p.url, public_url)]}
                             for p in out.pictures[:PICTURES_MAX]]  # a list's products, one image message each
    media = [public_media_url(out.image_url, public_url)] if out.image_url else []
    if template is not None:
        if media:
            creates.append({"media_url": media})
        return creates + [template]
    pieces = split_body(with_choices(out))
    if media and len(pieces) == 1 and len(pieces[0]) <= CAPTION_LIMIT:
        return creates + [{"body": pieces[0], "media_url": media}]
    if media:
        creates.append({"media_url": media})
    return creates + [{"body": p} for p in pieces if p]


def choice_template(out: Outbound, templates: WhatsAppTemplates) -> Create | None:
    """Quick replies (up to 3) or a list picker (up to 10) when the shop has one for that many choices."""
    n = len(out.buttons)
    if not n or len(out.text) > CAPTION_LIMIT:
        return None
    if n <= QUICK_REPLY_MAX and (sid := templates.quick_reply.get(str(n))):
        limit = QUICK_REPLY_LABEL
    elif n <= LIST_MAX and (sid := templates.list_picker.get(str(n))):
        limit = LIST_LABEL
    else:
        return None
    variables = {"1": out.text}
    for i, b in enumerate(out.buttons, start=1):
        variables[str(2 * i)] = short_label(b.label)[:limit]
        variables[str(2 * i + 1)] = b.value
    return {"content_sid": sid, "content_variables": json.dumps(variables, ensure_ascii=False)}


def one_line(text: str, limit: int = ONE_LINE_LIMIT) -> str:
    """Template variables may not hold new lines, tabs or long runs of spaces."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def render_outside_window(out: Outbound, templates: WhatsAppTemplates, shop_name: str) -> Create | None:
    """The approved template that may carry this message outside the window, or None (hold it)."""
    purpose = out.extra.get("purpose")
    sid = templates.purposes.get(purpose) if purpose else None
    sid = sid or templates.reengage
    if not sid:
        return None
    variables = {"1": shop_name, "2": one_line(out.text)}  # a template carries no choices
    return {"content_sid": sid, "content_variables": json.dumps(variables, ensure_ascii=False)}
