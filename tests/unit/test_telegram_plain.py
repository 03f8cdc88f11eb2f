"""The webhook's own reading of plain Telegram updates (bot.channels.telegram_plain) gives what
python-telegram-bot's Update and telegram_in.translate give, or nothing at all: on the samples,
the bench's shapes, and every damaged copy of them (each field removed, retyped or joined by an
unknown one), so what the library accepts, refuses or trips on stays the library's decision."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

import pytest
from telegram import Bot, Update

from bot.channels.telegram_in import translate
from bot.channels.telegram_plain import translate_plain
from tests import samples

BOT = Bot("7012345678:AAFakeTokenForTests_0123456789abcdefXYZ")
ACCOUNT = "7012345678"
SOMETIME = datetime(2026, 12, 6, tzinfo=timezone.utc)
ODD_VALUES: list[Any] = [None, 0, -1, 1.5, True, "", "x", "/start", [], {}, [[]], 10**13, "@~abc", "private"]


def sample(name: str) -> dict[str, Any]:
    return json.loads((samples.TELEGRAM / name).read_text(encoding="utf-8"))


def bench_text() -> dict[str, Any]:  # as bench/lua/telegram.lua sends them
    person = {"id": 7100000001, "first_name": "Siti", "last_name": "Pelanggan 1", "username": "pelanggan1"}
    return {"update_id": 100000001, "message": {
        "message_id": 4, "from": {**person, "is_bot": False, "language_code": "id"}, "chat": {**person, "type": "private"},
        "date": 1765000000, "text": "pesan 2 kripik pedes sama 1 sambel bawang 🙏",
        "entities": [{"type": "url", "offset": 0, "length": 5}]}}


def bench_press(data: str = "@c:1:0") -> dict[str, Any]:
    text = bench_text()["message"]
    pressed = {"message_id": 3, "from": {"id": 7012345678, "is_bot": True, "first_name": "Toko", "username": "toko_bot"},
               "chat": text["chat"], "date": 1764999998, "text": "*Keripik* (halaman 1 dari 1)",
               "entities": [{"type": "bold", "offset": 0, "length": 7}], "edit_date": 1764999999,
               "reply_markup": {"inline_keyboard": [[{"text": "Pilih", "callback_data": data}],
                                                    [{"text": "Web", "url": "https://example.com"}]]}}
    return {"update_id": 100000002, "callback_query": {"id": "71000000012", "from": text["from"], "message": pressed,
                                                       "chat_instance": "-778899001", "data": data}}


def the_library(data: dict[str, Any]):  # type: ignore[no-untyped-def]
    """translate() over the library's Update; the exception when either trips."""
    try:
        return translate(Update.de_json(copy.deepcopy(data), BOT), ACCOUNT)
    except Exception as exc:  # whatever the library raises is what the webhook would catch
        return exc


def same(plain, library) -> bool:  # type: ignore[no-untyped-def]
    """A press carries no date: both stamp the time they were made, so compare it out."""
    if plain.inbound is not None and library.inbound is not None and library.inbound.received_at > SOMETIME:
        plain = replace(plain, inbound=replace(plain.inbound, received_at=SOMETIME))
        library = replace(library, inbound=replace(library.inbound, received_at=SOMETIME))
    return plain == library


def damaged(data: Any) -> Iterator[Any]:
    """Copies of data with one field removed, retyped, or joined by an unknown key, at every depth."""
    if isinstance(data, dict):
        yield {**data, "unexpected_field": 1}
        for key, value in data.items():
            yield {k: v for k, v in data.items() if k != key}
            for odd in ODD_VALUES:
                yield {**data, key: odd}
            for inner in damaged(value):
                yield {**data, key: inner}
    elif isinstance(data, list):
        for i, value in enumerate(data):
            for inner in damaged(value):
                yield data[:i] + [inner] + data[i + 1:]


SHAPES = {"private_text": sample("private_text.json"), "callback": sample("callback_query_inline_keyboard.json"),
          "bench_text": bench_text(), "bench_page_press": bench_press(), "bench_press": bench_press("p:KRP-TMP")}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_the_plain_shapes_are_read_without_the_library_and_read_the_same(name):
    data = SHAPES[name]
    plain = translate_plain(copy.deepcopy(data), ACCOUNT)
    assert plain is not None and plain.inbound is not None
    assert same(plain, the_library(data))


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_damaged_copy_is_read_the_same_or_left_to_the_library(name):
    read = left = 0
    for data in damaged(SHAPES[name]):
        if type(data.get("update_id")) is not int:
            continue  # the webhook refuses these before either reader (telegram_webhook.parse)
        plain = translate_plain(copy.deepcopy(data), ACCOUNT)
        if plain is None:
            left += 1
            continue
        library = the_library(data)
        assert not isinstance(library, Exception), (data, library)
        assert same(plain, library), data
        read += 1
    assert read and left  # both ways were taken


@pytest.mark.parametrize("name", ["start_deeplink.json", "photo_payment_proof.json", "edited_message.json",
                                  "contact_share.json", "location.json", "my_chat_member_blocked.json"])
def test_everything_else_is_left_to_the_library(name):
    assert translate_plain(sample(name), ACCOUNT) is None
