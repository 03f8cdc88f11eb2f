"""Telegram updates translated into the engine's Inbound, as a pure function of the Update.

What arrives and what it becomes:
- text, caption, /start with a deep-link payload, location (or venue), shared contact (the
  phone in E.164), photo (the largest size's file_id; bytes only later, via getFile), an image
  sent as a file, a sticker (its emoji) -> Inbound with message_id = the update_id;
- a button press -> Inbound.choice, and the callback query to answer after commit;
- an album (media_group_id) -> one Inbound per photo, all with the album's id as message id,
  so the engine's dedupe lets the first one through and the others change nothing;
- an edited message -> Inbound(edited=True): the customer is asked to send a new message
  rather than having an order silently re-read (see handlers.customer.route);
- my_chat_member in a private chat -> Membership: kicked/left is unreachable, member is back;
- anything else, and every group or channel chat -> nothing (a shop bot talks one to one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from telegram import Message, Update

from bot.channels.telegram_render import HASHED, PAGE
from bot.messages import Inbound
from conversations.base import Media

CHANNEL = "telegram"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
DEFAULT_REGION = "ID"
START = re.compile(r"^/start(?:@\w+)?(?:\s+(\S+))?\s*$")
DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what Telegram allows in a start parameter
COMMAND = re.compile(r"^/(\w+)(?:@\w+)?")  # "/katalog" or "/katalog@tokobot" from the command menu
GONE = {"kicked", "left"}


@dataclass(frozen=True)
class Membership:
    chat_id: str
    reachable: bool


@dataclass(frozen=True)
class Translated:
    inbound: Inbound | None = None
    membership: Membership | None = None
    callback_id: str | None = None  # a button press to answer with answerCallbackQuery, after commit


def translate(update: Update, account: str | None = None) -> Translated:
    if update.callback_query is not None:
        return _press(update, account)
    if update.message is not None:
        return Translated(_message(update, update.message, account))
    if update.edited_message is not None:
        inbound = _message(update, update.edited_message, account, edited=True)
        return Translated(inbound)
    member = update.my_chat_member
    if member is not None and member.chat.type == "private":
        return Translated(membership=Membership(str(member.chat.id), member.new_chat_member.status not in GONE))
    return Translated()


def _message(update: Update, msg: Message, account: str | None, *, edited: bool = False) -> Inbound | None:
    user = msg.from_user
    if msg.chat.type != "private" or user is None or user.is_bot:
        return None
    text = msg.text or msg.caption or ""
    start_payload = None
    if (start := START.match(text)) is not None:
        text, start_payload = "/start", start.group(1) if start.group(1) and DEEP_LINK.match(start.group(1)) else None
    elif (cmd := COMMAND.match(text)) is not None:
        text = cmd.group(1) + text[cmd.end():]  # a command reads as its word: /keranjang is "keranjang"
    if not text and msg.sticker is not None:
        text = msg.sticker.emoji or ""
    media: tuple[Media, ...] = ()
    if msg.photo:
        media = (Media(msg.photo[-1].file_id),)  # sizes come smallest first
    elif msg.document is not None and (msg.document.mime_type or "").startswith("image/"):
        media = (Media(msg.document.file_id, msg.document.mime_type or "image/jpeg"),)
    latitude = longitude = address = None
    if msg.location is not None:
        latitude, longitude = msg.location.latitude, msg.location.longitude
    if msg.venue is not None:
        address = ", ".join(p for p in (msg.venue.title, msg.venue.address) if p)
    message_id = str(update.update_id)
    if msg.media_group_id and media and not edited:
        message_id = f"album:{msg.media_group_id}"
    return Inbound(CHANNEL, str(msg.chat.id), message_id, text=text, account=account,
                   profile_name=user.full_name, latitude=latitude, longitude=longitude, address=address,
                   phone=own_phone(msg, user.id), media=media,
                   start_payload=start_payload, edited=edited, received_at=msg.date)


def own_phone(msg: Message, user_id: int) -> str | None:
    """The sender's own number from a shared contact. Someone else's card names no one: the phone
    joins this chat to the customer who has it (bot.identity), so only the sender's own counts."""
    if msg.contact is None or msg.contact.user_id != user_id:
        return None
    return e164(msg.contact.phone_number)


def _press(update: Update, account: str | None) -> Translated:
    query = update.callback_query
    assert query is not None
    msg = query.message
    chat = msg.chat if msg is not None else None
    if (chat is not None and chat.type != "private") or query.from_user.is_bot or not query.data:
        return Translated(callback_id=query.id)
    data = query.data
    pressed = None
    if data.startswith(PAGE):
        data, pressed = data[len(PAGE):], str(msg.message_id) if msg is not None else None
    choice, text = data, ""
    if data.startswith(HASHED):
        # A value too long for callback data: the button's label, read as typed text, maps back to it.
        choice, text = None, _label_of(msg, query.data) or ""
    inbound = Inbound(CHANNEL, str(chat.id if chat is not None else query.from_user.id), str(update.update_id),
                      text=text, choice=choice, account=account, profile_name=query.from_user.full_name,
                      pressed=pressed)
    return Translated(inbound, callback_id=query.id)


def _label_of(msg, data: str) -> str | None:  # type: ignore[no-untyped-def]
    markup = getattr(msg, "reply_markup", None)
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def e164(raw: str) -> str | None:
    """A shared contact's number in E.164; Telegram sends it with or without the "+"."""
    digits = raw.strip()
    candidates = [digits] if digits.startswith("+") else ["+" + digits, digits]
    for candidate in candidates:  # "6281..." is international without the +; "0812..." is local
        try:
            number = phonenumbers.parse(candidate, DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None
