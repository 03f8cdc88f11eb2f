"""The fake Bot API driven by the real python-telegram-bot client (no mocks of PTB itself)."""
from __future__ import annotations

import asyncio, json, pathlib, threading, time

import pytest
import telegram
from telegram import InlineKeyboardButton as Button, InlineKeyboardMarkup as Keyboard
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from .telegram_api import FakeTelegramAPI, fake_telegram  # noqa: F401  (fixture)
from tests import samples

# PTB 22.2+ warns that RetryAfter.retry_after will become a timedelta; app code must accept both.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")
SAMPLES = samples.TELEGRAM
SITI, BUDI = 5123456789, 6234567890


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def run(fake: FakeTelegramAPI, fn, token: str | None = None):
    """Run `await fn(bot)` with a real, initialised telegram.Bot pointed at the fake."""
    async def main():
        async with telegram.Bot(token or fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as bot:
            return await fn(bot)
    return asyncio.run(main())


def test_send_message_is_recorded_and_parsed(fake_telegram):
    fake_telegram.push_update(sample("private_text.json"))  # makes the chat known, last message_id 1201
    kb = Keyboard([[Button("✅ Konfirmasi", callback_data="order:confirm:INV-1")]])

    async def go(bot):
        assert bot.username == "tokobatiksekar_bot"  # initialize() called getMe
        m1 = await bot.send_message(SITI, "<b>Total</b> Rp 275.000 🙏", parse_mode="HTML", reply_markup=kb)
        m2 = await bot.send_message(SITI, "kedua")
        return m1, m2

    m1, m2 = run(fake_telegram, go)
    assert (m1.message_id, m2.message_id) == (1202, 1203)
    assert m1.chat.id == SITI and m1.chat.type == "private" and m1.from_user.is_bot
    assert m1.text == "Total Rp 275.000 🙏" and m1.entities[0].type == "bold" and m1.entities[0].length == 5
    assert m1.reply_markup == kb and m1.date.year >= 2025
    sent = fake_telegram.sent_messages(SITI)
    assert [m["text"] for m in sent] == ["Total Rp 275.000 🙏", "kedua"]
    params = fake_telegram.calls_to("sendMessage")[0]
    # PTB sends form fields with JSON-encoded non-strings; the fake decodes them back.
    assert params["chat_id"] == SITI and params["parse_mode"] == "HTML"
    assert params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "order:confirm:INV-1"
    assert fake_telegram.calls[0][0] == "getMe" and not fake_telegram.server_errors


def test_unknown_chat_and_blocked_chat(fake_telegram):
    fake_telegram.push_update(sample("my_chat_member_blocked.json"))  # Budi blocks the bot: member -> kicked

    async def go(bot):
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.send_message(42, "halo")
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(BUDI, "halo")
        fake_telegram.unblock_chat(BUDI)
        again = await bot.send_message(BUDI, "halo lagi")
        fake_telegram.block_chat(SITI)  # also makes the chat known
        with pytest.raises(Forbidden):
            await bot.send_chat_action(SITI, "typing")
        return again

    assert run(fake_telegram, go).text == "halo lagi"


def test_concurrent_sends_are_recorded_consistently():
    with FakeTelegramAPI(global_per_sec=None) as fake:
        for chat in range(1, 21):
            fake.add_chat(chat)

        async def go(bot):
            return await asyncio.gather(*(bot.send_message(chat, f"{chat}-{i}") for chat in range(1, 21)
                                          for i in range(3)))

        sent = run(fake, go)
        assert len(sent) == 60 and len(fake.calls_to("sendMessage")) == 60
        for chat in range(1, 21):  # message_id increments per chat, with no gaps or duplicates
            assert sorted(m["message_id"] for m in fake.sent_messages(chat)) == [1, 2, 3]


def test_text_limits_count_utf16_units(fake_telegram):
    fake_telegram.add_chat(SITI)
    fake_telegram.per_chat_per_sec = None  # this test is about sizes, not flood control

    async def go(bot):
        await bot.send_message(SITI, "🙏" * 2048)   # 2048 emoji = 4096 UTF-16 units: the maximum
        await bot.send_message(SITI, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")  # tags do not count
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await bot.send_message(SITI, "🙏" * 2048 + "x")
        with pytest.raises(BadRequest, match="(?i)message text is empty"):
            await bot.send_message(SITI, "<b></b>", parse_mode="HTML")
        with pytest.raises(BadRequest, match="(?i)caption is too long"):
            await bot.send_photo(SITI, "https://example.com/a.jpg", caption="x" * 1025)

    run(fake_telegram, go)
    assert len(fake_telegram.sent_messages()) == 2


def test_keyboard_and_parse_mode_validation(fake_telegram):
    fake_telegram.add_chat(SITI)

    async def go(bot):
        ok = await bot.send_message(SITI, "ok", reply_markup=Keyboard([[Button("a", callback_data="x" * 64)]]))
        with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
            await bot.send_message(SITI, "x", reply_markup=Keyboard([[Button("a", callback_data="é" * 33)]]))
        with pytest.raises(BadRequest, match="(?i)reply_markup_too_long"):
            await bot.send_message(SITI, "x", reply_markup=Keyboard(
                [[Button(str(i), callback_data=str(i)) for i in range(r * 8, r * 8 + 8)] for r in range(13)]))
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(SITI, "<b>tebal <i>miring</b></i>", parse_mode="HTML")
        with pytest.raises(BadRequest, match="(?i)can't parse entities.*reserved"):
            await bot.send_message(SITI, "Total Rp 275.000", parse_mode="MarkdownV2")
        md = await bot.send_message(SITI, "*Total* Rp 275\\.000 [bayar](https://pay.example.test/x)",
                                    parse_mode="MarkdownV2")
        assert md.text == "Total Rp 275.000 bayar"
        assert [(e.type, e.offset, e.length) for e in md.entities] == [("bold", 0, 5), ("text_link", 17, 5)]
        return ok

    assert run(fake_telegram, go).reply_markup.inline_keyboard[0][0].callback_data == "x" * 64
    assert fake_telegram.count_429 == 0


def test_flood_control_per_chat_global_and_forced():
    clock = [1000.0]
    with FakeTelegramAPI(global_per_sec=5, clock=lambda: clock[0]) as fake:
        for chat in range(1, 4):
            fake.add_chat(chat)

        async def go(bot):
            for i in range(3):  # burst allowance: 3 in a 3 s window at 1 msg/s
                await bot.send_message(1, f"m{i}")
            with pytest.raises(RetryAfter) as exc:
                await bot.send_message(1, "too fast")
            assert exc.value.retry_after == 3
            clock[0] += 1.5
            with pytest.raises(RetryAfter):
                await bot.send_message(1, "still too fast")
            await bot.send_message(2, "other chat is fine")
            await bot.send_message(3, "other chat is fine")
            await bot.send_message(3, "x")
            await bot.send_message(2, "x")
            await bot.send_message(2, "x")  # 5 sends within the last second: the global limit
            with pytest.raises(RetryAfter) as exc:
                await bot.send_message(3, "over the global limit")
            assert exc.value.retry_after == 1
            clock[0] += 10
            fake.force_429(2, retry_after=7)
            for _ in range(2):
                with pytest.raises(RetryAfter) as exc:
                    await bot.send_message(1, "forced")
                assert exc.value.retry_after == 7
            return await bot.send_message(1, "recovered")

        assert run(fake, go).text == "recovered"
        assert fake.count_429 == 5
        raw = [p for m, p in fake.calls if m == "sendMessage"]
        assert len(raw) == 14  # every call is recorded, including rejected ones


def test_get_updates_offset_and_long_poll(fake_telegram):
    ids = [fake_telegram.push_update(sample(n)) for n in
           ("private_text.json", "callback_query_inline_keyboard.json", "photo_payment_proof.json")]
    assert ids == [804211001, 804211004, 804211003]
    auto_id = fake_telegram.push_update({"message": {**sample("location.json")["message"]}})
    assert auto_id == 804211005  # assigned after the highest id seen

    async def go(bot):
        first = await bot.get_updates(timeout=0)
        again = await bot.get_updates(timeout=0)  # not confirmed yet: same batch
        # delivered in update_id order, whatever the push order was
        assert [u.update_id for u in first] == [u.update_id for u in again] == sorted(ids) + [auto_id]
        assert first[2].callback_query.data == "order:confirm:INV-2025-000123"
        assert first[1].message.photo[-1].width == 960
        part = await bot.get_updates(offset=804211004, limit=1, timeout=0)  # confirms ...001 and ...003
        assert [u.update_id for u in part] == [804211004]
        last = await bot.get_updates(offset=-1, timeout=0)
        assert [u.update_id for u in last] == [auto_id]
        t0 = time.monotonic()
        assert await bot.get_updates(offset=auto_id + 1, timeout=30) == ()  # capped long poll
        waited = time.monotonic() - t0
        threading.Timer(0.1, fake_telegram.push_update, [sample("contact_share.json")]).start()
        t0 = time.monotonic()
        woke = await bot.get_updates(offset=auto_id + 1, timeout=30)  # returns as soon as one arrives
        return waited, time.monotonic() - t0, woke

    waited, woke_after, woke = run(fake_telegram, go)
    assert 0.4 <= waited < 1.5 and woke_after < 0.4
    assert woke[0].message.contact.phone_number == "6281234567890"


def test_allowed_updates_webhook_and_conflict(fake_telegram):
    fake_telegram.push_update(sample("private_text.json"))
    fake_telegram.push_update(sample("callback_query_inline_keyboard.json"))

    async def go(bot):
        only_cq = await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
        assert [u.update_id for u in only_cq] == [804211004]
        await bot.set_webhook("https://bot.example.test/webhooks/telegram", secret_token="tg_secret_TEST_only_9f8e7d",
                              allowed_updates=["message", "callback_query"])
        info = await bot.get_webhook_info()
        assert info.url.endswith("/webhooks/telegram") and info.pending_update_count == 1
        with pytest.raises(Conflict):
            await bot.get_updates(timeout=0)
        with pytest.raises(BadRequest, match="(?i)https url"):
            await bot.set_webhook("http://bot.example.test/hook")
        with pytest.raises(BadRequest, match="(?i)unallowed characters"):
            await bot.set_webhook("https://bot.example.test/hook", secret_token="no spaces!")
        assert await bot.delete_webhook(drop_pending_updates=True)
        return await bot.get_updates(timeout=0)

    assert run(fake_telegram, go) == ()
    assert fake_telegram.webhook == {"url": "", "secret_token": None, "allowed_updates": None}
    set_call = fake_telegram.calls_to("setWebhook")[0]
    assert set_call["secret_token"] == "tg_secret_TEST_only_9f8e7d"
    assert set_call["allowed_updates"] == ["message", "callback_query"]


def test_webhook_post_carries_the_secret(fake_telegram):
    fake_telegram.webhook["secret_token"] = "tg_secret_TEST_only_9f8e7d"
    body, headers = fake_telegram.webhook_post(sample("private_text.json"))
    assert headers == {"Content-Type": "application/json",
                       "X-Telegram-Bot-Api-Secret-Token": "tg_secret_TEST_only_9f8e7d"}
    assert json.loads(body)["update_id"] == 804211001


def test_files_upload_get_file_and_download(fake_telegram):
    update = sample("photo_payment_proof.json")
    fake_telegram.push_update(update)
    largest = update["message"]["photo"][-1]["file_id"]
    fake_telegram.add_file(largest, b"\xff\xd8JPEG-bytes", "photos/bukti transfer.jpg")

    async def go(bot):
        f = await bot.get_file(largest)
        assert f.file_path.startswith(fake_telegram.base_file_url) and f.file_size == 12
        proof = await f.download_as_bytearray()
        sent = await bot.send_photo(SITI, b"\x89PNG-uploaded", caption="<i>Struk</i>", parse_mode="HTML")
        back = await (await bot.get_file(sent.photo[-1].file_id)).download_as_bytearray()
        resent = await bot.send_photo(SITI, sent.photo[-1].file_id)  # by file_id, no upload
        with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
            await bot.send_photo(SITI, "not-a-known-file-id")
        with pytest.raises(BadRequest, match="(?i)invalid file_id"):
            await bot.get_file("nope")
        return proof, sent, back, resent

    proof, sent, back, resent = run(fake_telegram, go)
    assert bytes(proof) == b"\xff\xd8JPEG-bytes" and bytes(back) == b"\x89PNG-uploaded"
    assert sent.caption == "Struk" and sent.caption_entities[0].type == "italic"
    assert sent.photo[-1].width > sent.photo[0].width and resent.photo
    assert fake_telegram.calls_to("sendPhoto")[0]["photo"] == b"\x89PNG-uploaded"  # multipart upload


def test_edit_and_answer_callback(fake_telegram):
    fake_telegram.push_update(sample("callback_query_inline_keyboard.json"))  # bot message 1205 with keyboard
    kb = Keyboard([[Button("💳 Cara bayar", callback_data="pay:howto:INV-2025-000123")]])

    async def go(bot):
        assert await bot.answer_callback_query("4382917465012345678", text="Dikonfirmasi")
        with pytest.raises(BadRequest, match="(?i)query is too old"):
            await bot.answer_callback_query("999")
        edited = await bot.edit_message_text("Pesanan dikonfirmasi", chat_id=SITI, message_id=1205, reply_markup=kb)
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text("Pesanan dikonfirmasi", chat_id=SITI, message_id=1205, reply_markup=kb)
        no_kb = await bot.edit_message_reply_markup(chat_id=SITI, message_id=1205)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("x", chat_id=SITI, message_id=1)
        assert await bot.send_chat_action(SITI, "typing")
        with pytest.raises(BadRequest):
            await bot.send_chat_action(SITI, "dancing")
        return edited, no_kb

    edited, no_kb = run(fake_telegram, go)
    assert edited.text == "Pesanan dikonfirmasi" and edited.edit_date and edited.reply_markup == kb
    assert no_kb.reply_markup is None
    assert fake_telegram.callback_answers[0]["text"] == "Dikonfirmasi"


def test_wrong_token_and_clean_stop():
    t0 = time.monotonic()
    fake = FakeTelegramAPI().start()
    assert time.monotonic() - t0 < 10  # started, not stuck (the speed is not what is tested)
    with pytest.raises(InvalidToken):
        run(fake, lambda bot: bot.get_me(), token="7012345678:WRONG-token")
    with pytest.raises(InvalidToken):  # malformed token: Telegram answers 404, PTB maps it the same way
        run(fake, lambda bot: bot.get_me(), token="not-a-token")
    with pytest.raises(InvalidToken, match="not implemented"):  # unknown to the fake: a loud 404
        run(fake, lambda bot: bot.send_dice(SITI))
    assert fake.server_errors == ["FakeTelegramAPI does not implement sendDice"]
    fake.server_errors.clear()
    base_url = fake.base_url
    t0 = time.monotonic()
    fake.stop()
    assert time.monotonic() - t0 < 10 and not fake.server_errors  # no wait for a long poll's end

    async def after_stop():
        async with telegram.Bot(fake.token, base_url=base_url) as bot:
            await bot.get_me()

    with pytest.raises(NetworkError):  # nothing answers on that port any more
        asyncio.run(after_stop())


def test_a_second_long_poll_ends_the_first_with_409_as_telegram_does():
    """Two processes polling one bot: Telegram answers the waiting getUpdates 409 ("terminated by
    other getUpdates request"), so the fake must too, or a test could not see it happen."""
    with FakeTelegramAPI(long_poll_cap=5) as fake:
        async def go(bot):
            # each process has a client of its own (one Bot keeps a single connection for polls)
            async with telegram.Bot(fake.token, base_url=fake.base_url) as other:
                first = asyncio.create_task(bot.get_updates(timeout=5))
                await asyncio.sleep(0.3)  # the first is waiting for updates
                second = asyncio.create_task(other.get_updates(timeout=0))
                with pytest.raises(Conflict, match="terminated by other getUpdates"):
                    await first
                return await second
        assert run(fake, go) == ()
        assert fake.conflicts == 1
