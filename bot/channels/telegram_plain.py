"""The two commonest Telegram updates translated straight from their JSON, without
python-telegram-bot's object tree: a private text message and a button press.

Building PTB's Update (`Update.de_json`) cost 80-120 µs an update, about a tenth of all the
server's work for one (docs/PERFORMANCE.md, branch `cpu`); reading the few fields the engine
uses costs a few µs. The result is the same `Translated` that `telegram_in.translate` makes from
the Update, and only for updates whose every field has the type Telegram documents: anything
else (another kind of update, a command, a photo, an unexpected key or type, a value the
library would refuse) is None here and goes the library's way, so what the library accepts,
refuses or trips on stays exactly as it was (tests/unit/test_telegram_plain.py compares both
on the samples and on damaged copies of them).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from bot.channels.telegram_in import CHANNEL, Translated
from bot.channels.telegram_render import HASHED, PAGE
from bot.messages import Inbound

_UPDATE_TEXT = frozenset({"update_id", "message"})
_UPDATE_PRESS = frozenset({"update_id", "callback_query"})
_MESSAGE = frozenset({"message_id", "from", "chat", "date", "text", "entities"})
_PRESSED = _MESSAGE | {"reply_markup", "edit_date"}
_QUERY = frozenset({"id", "from", "message", "chat_instance", "data"})
_USER_TEXT = ("first_name", "last_name", "username", "language_code")
_USER = frozenset({"id", "is_bot", *_USER_TEXT, "is_premium"})
_CHAT_TEXT = ("first_name", "last_name", "username", "title")
_CHAT = frozenset({"id", "type", *_CHAT_TEXT})
_ENTITY = frozenset({"type", "offset", "length", "url", "language", "custom_emoji_id"})
_BUTTON = frozenset({"text", "callback_data", "url"})
_LAST_SECOND = 253_402_300_799  # 9999-12-31T23:59:59Z: later dates are the library's to refuse


def translate_plain(data: dict[str, Any], account: str | None) -> Translated | None:
    """The update translated, or None when it is not one of the two plain shapes."""
    keys = data.keys()
    if keys == _UPDATE_TEXT:
        return _text(data["update_id"], data["message"], account)
    if keys == _UPDATE_PRESS:
        return _press(data["update_id"], data["callback_query"], account)
    return None


def _text(update_id: int, msg: Any, account: str | None) -> Translated | None:
    if not (type(msg) is dict and msg.keys() <= _MESSAGE and "text" in msg and _message(msg)):
        return None
    user, chat, text = msg.get("from"), msg["chat"], msg["text"]
    if user is None or chat["type"] != "private" or user["is_bot"] or text.startswith("/"):
        return None  # no sender, a group, a bot or a command: the library's way
    return Translated(Inbound(CHANNEL, str(chat["id"]), str(update_id), text=text, account=account,
                              profile_name=_full_name(user), received_at=_moment(msg["date"])))


def _press(update_id: int, query: Any, account: str | None) -> Translated | None:
    if not (type(query) is dict and {"id", "from", "chat_instance", "data"} <= query.keys() <= _QUERY):
        return None
    user, msg, data = query["from"], query.get("message"), query["data"]
    if not (_user(user) and type(query["id"]) is str and type(query["chat_instance"]) is str and type(data) is str):
        return None
    if msg is not None and not (type(msg) is dict and msg.keys() <= _PRESSED and _message(msg)
                                and _markup(msg.get("reply_markup")) and _optional_int(msg.get("edit_date"))):
        return None
    chat = msg["chat"] if msg is not None else None
    if (chat is not None and chat["type"] != "private") or user["is_bot"] or not data or data.startswith((HASHED, PAGE + HASHED)):
        return None  # nothing to answer but the press, or a long value read back by its label
    pressed = None
    if data.startswith(PAGE):
        data, pressed = data[len(PAGE):], str(msg["message_id"]) if msg is not None else None
    inbound = Inbound(CHANNEL, str(chat["id"] if chat is not None else user["id"]), str(update_id), text="",
                      choice=data, account=account, profile_name=_full_name(user), pressed=pressed)
    return Translated(inbound, callback_id=query["id"])


def _message(msg: dict[str, Any]) -> bool:
    """Every field of a message (as _MESSAGE or _PRESSED allow them) has its documented type."""
    return (type(msg.get("message_id")) is int and _chat(msg.get("chat")) and type(msg.get("date")) is int
            and 0 <= msg["date"] <= _LAST_SECOND and ("from" not in msg or _user(msg["from"]))
            and type(msg.get("text", "")) is str and _entities(msg.get("entities", [])))


def _user(user: Any) -> bool:
    return (type(user) is dict and user.keys() <= _USER and type(user.get("id")) is int
            and type(user.get("is_bot")) is bool and type(user.get("first_name")) is str
            and all(type(user.get(k, "")) is str for k in _USER_TEXT) and type(user.get("is_premium", False)) is bool)


def _chat(chat: Any) -> bool:
    return (type(chat) is dict and chat.keys() <= _CHAT and type(chat.get("id")) is int
            and type(chat.get("type")) is str and all(type(chat.get(k, "")) is str for k in _CHAT_TEXT))


def _entities(entities: Any) -> bool:
    return type(entities) is list and all(
        type(e) is dict and e.keys() <= _ENTITY and type(e.get("type")) is str and type(e.get("offset")) is int
        and type(e.get("length")) is int and all(type(e.get(k, "")) is str for k in ("url", "language", "custom_emoji_id"))
        for e in entities)


def _markup(markup: Any) -> bool:
    if markup is None:
        return True
    rows = markup.get("inline_keyboard") if type(markup) is dict and markup.keys() == {"inline_keyboard"} else None
    return type(rows) is list and all(type(row) is list and all(
        type(b) is dict and b.keys() <= _BUTTON and type(b.get("text")) is str
        and all(type(b.get(k, "")) is str for k in ("callback_data", "url")) for b in row) for row in rows)


def _optional_int(value: Any) -> bool:
    return value is None or (type(value) is int and 0 <= value <= _LAST_SECOND)


def _full_name(user: dict[str, Any]) -> str | None:
    first, last = user.get("first_name"), user.get("last_name")
    if not first:
        return None
    return f"{first} {last}" if last else first


def _moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)
