"""The Telegram sender through the real python-telegram-bot against the local fake Bot API."""

from __future__ import annotations

import asyncio

import pytest
import telegram

from bot.channels.telegram_out import TelegramSender
from bot.delivery import RetryLater, Undeliverable
from bot.messages import Outbound
from bot.ratelimit import RateLimiter
from conversations.base import Button
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")
SITI, BUDI = 5123456789, 6234567890


class VirtualTime:
    """One clock for the fake's flood control and our limiter; sleeping moves it forward."""

    def __init__(self) -> None:
        self.now, self.slept = 1000.0, []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def run(fake: FakeTelegramAPI, fn, time: VirtualTime | None = None, public_url: str = "https://toko.example.id",
        media: dict | None = None):
    time = time or VirtualTime()

    async def main():
        async with telegram.Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as bot:
            pacer = RateLimiter(1.0, 30.0, clock=time.clock, sleep=time.sleep)
            return await fn(TelegramSender(bot, pacer, public_url, media=media, sleep=time.sleep))

    return asyncio.run(main())


def out(text: str, *buttons: Button, chat: int = SITI, **kw) -> Outbound:
    return Outbound("telegram", str(chat), text, tuple(buttons), **kw)


def test_a_burst_to_one_chat_is_paced_so_telegram_never_answers_429():
    time = VirtualTime()
    with FakeTelegramAPI(clock=time.clock) as fake:
        fake.add_chat(SITI), fake.add_chat(BUDI)

        async def go(sender):
            return [await sender.send(out(f"balasan {i}", chat=SITI if i < 8 else BUDI)) for i in range(11)]

        ids = run(fake, go, time)
        assert all(ids) and fake.count_429 == 0
        assert [m["text"] for m in fake.sent_messages(SITI)] == [f"balasan {i}" for i in range(8)]
        assert time.now - 1000.0 >= 6.0  # 8 to one chat: 3 at once, then 3 s per 3


def test_a_short_429_is_waited_out_in_place_and_the_message_delivered():
    time = VirtualTime()
    with FakeTelegramAPI(clock=time.clock) as fake:
        fake.add_chat(SITI)
        fake.force_429(1, retry_after=2)
        message_id = run(fake, lambda s: s.send(out("Pesanan KD-0001 diterima")), time)
        assert fake.count_429 == 1 and 2 in time.slept
        [msg] = fake.sent_messages(SITI)
        assert (msg["message_id"], msg["text"]) == (int(message_id), "Pesanan KD-0001 diterima")


def test_a_long_429_goes_back_to_the_outbox_with_its_retry_after():
    with FakeTelegramAPI() as fake:
        fake.add_chat(SITI)
        fake.force_429(1, retry_after=30)
        with pytest.raises(RetryLater) as exc:
            run(fake, lambda s: s.send(out("halo")))
        assert exc.value.seconds == 30 and fake.sent_messages(SITI) == []


def test_a_blocked_user_and_an_unknown_chat_are_undeliverable():
    with FakeTelegramAPI() as fake:
        fake.block_chat(BUDI)
        with pytest.raises(Undeliverable) as blocked:
            run(fake, lambda s: s.send(out("halo", chat=BUDI)))
        with pytest.raises(Undeliverable) as unknown:
            run(fake, lambda s: s.send(out("halo", chat=42)))
        assert (blocked.value.code, unknown.value.code) == ("blocked", "chat_not_found")


def test_choices_arrive_as_an_inline_keyboard_and_markup_as_entities():
    with FakeTelegramAPI() as fake:
        fake.add_chat(SITI)
        run(fake, lambda s: s.send(out("*Keripik Tempe 150g*\n💰 Rp12.000 & <gurih>", Button("+1", "a:KRP-TMP:1"),
                                       Button("🧺 Keranjang", "cart"))))
        [msg] = fake.sent_messages(SITI)
        assert msg["text"] == "Keripik Tempe 150g\n💰 Rp12.000 & <gurih>" and msg["entities"][0]["type"] == "bold"
        assert [[b["callback_data"] for b in row] for row in msg["reply_markup"]["inline_keyboard"]] == [
            ["a:KRP-TMP:1", "cart"]]


def test_a_text_over_4096_arrives_in_pieces_with_the_keyboard_on_the_last():
    with FakeTelegramAPI(per_chat_per_sec=None) as fake:
        fake.add_chat(SITI)
        text = "\n".join(f"{i}. Keripik Singkong Pedas 250g 🙏 Rp15.000" for i in range(250))
        run(fake, lambda s: s.send(out(text, Button("✅ Checkout", "checkout"))))
        sent = fake.sent_messages(SITI)
        assert len(sent) == 3 and [bool(m.get("reply_markup")) for m in sent] == [False, False, True]
        assert "".join(text.split()) == "".join("".join(m["text"] for m in sent).split())


def test_a_product_photo_carries_its_caption_and_buttons():
    with FakeTelegramAPI() as fake:
        fake.add_chat(SITI)
        run(fake, lambda s: s.send(out("*Nastar Keju*", Button("+1", "a:NST:1"), image_url="/media/nastar.jpg")))
        [msg] = fake.sent_messages(SITI)
        assert msg["caption"] == "Nastar Keju" and msg["reply_markup"]["inline_keyboard"][0][0]["text"] == "+1"
        assert fake.calls_to("sendPhoto")[0]["photo"] == "https://toko.example.id/media/nastar.jpg"


def test_our_media_is_uploaded_when_telegram_cannot_reach_us_and_then_resent_by_file_id(tmp_path):
    (tmp_path / "qris.png").write_bytes(b"\x89PNG-qris")
    with FakeTelegramAPI() as fake:
        fake.add_chat(SITI)

        async def go(sender):
            for _ in range(2):
                await sender.send(out("Scan QRIS di atas", image_url="/media/shop/qris.png"))
            await sender.send(out("Tidak ada", image_url="/media/shop/../../etc/passwd"))

        run(fake, go, public_url="http://127.0.0.1:8000", media={"/media/shop": tmp_path})
        first, second, outside = fake.calls_to("sendPhoto")
        assert first["photo"] == b"\x89PNG-qris"  # uploaded: Telegram cannot fetch a loopback URL
        assert second["photo"] == fake.sent_messages(SITI)[0]["photo"][-1]["file_id"]
        assert outside["photo"] == "http://127.0.0.1:8000/media/shop/../../etc/passwd"  # never read from disk


def test_a_photo_telegram_cannot_take_is_replaced_by_the_text_rather_than_lost():
    with FakeTelegramAPI() as fake:
        fake.add_chat(SITI)
        run(fake, lambda s: s.send(out("Scan QRIS lalu bayar", Button("🏠 Menu", "menu"), image_url="not-a-file-id")))
        [msg] = fake.sent_messages(SITI)
        assert msg["text"] == "Scan QRIS lalu bayar" and "photo" not in msg and msg["reply_markup"]


def test_the_next_page_replaces_the_page_message_and_a_double_press_changes_nothing():
    with FakeTelegramAPI() as fake:
        fake.add_chat(SITI)

        async def go(sender):
            first = await sender.send(out("Halaman 1", Button("Berikutnya »", "c:1:1"), extra={"in_place": True}))
            second = await sender.send(out("Halaman 2", Button("« Sebelumnya", "c:1:0"),
                                           extra={"in_place": True, "edit": first}))
            again = await sender.send(out("Halaman 2", Button("« Sebelumnya", "c:1:0"),
                                          extra={"in_place": True, "edit": first}))
            gone = await sender.send(out("Halaman 3", extra={"in_place": True, "edit": "999"}))
            return first, second, again, gone

        first, second, again, gone = run(fake, go)
        assert first == second == again and gone != first
        assert [m["text"] for m in fake.sent_messages(SITI)] == ["Halaman 2", "Halaman 3"]
        assert fake.sent_messages(SITI)[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "@c:1:0"


def test_a_photo_a_customer_sent_can_be_fetched_as_bytes():
    with FakeTelegramAPI() as fake:
        fake.add_file("AgACAgUAAxkBAAIEt2c9", b"\xff\xd8bukti-transfer")
        assert run(fake, lambda s: s.fetch_file("AgACAgUAAxkBAAIEt2c9")) == b"\xff\xd8bukti-transfer"


def test_a_lists_pictures_go_as_one_album_our_own_files_uploaded_then_the_list(tmp_path):
    from conversations.base import Picture
    from media.store import MediaStore
    from tests.media_samples import picture

    store = MediaStore(tmp_path)
    mine = store.put(1, picture(), public=True).ref
    with FakeTelegramAPI() as fake:
        fake.add_chat(SITI)

        async def go(sender):
            sender.store = store
            return await sender.send(out("Keripik (halaman 1 dari 1)", Button("Keripik Tempe", "p:KRP-TMP"),
                                         pictures=(Picture(mine, "*Keripik Tempe* Rp12.000"),
                                                   Picture("https://cdn.example.id/roa.jpg", "Sambal Roa"))))

        run(fake, go, public_url="http://127.0.0.1:8000")
        [album] = fake.calls_to("sendMediaGroup")
        assert [m["type"] for m in album["media"]] == ["photo", "photo"]
        sent = fake.sent_messages(SITI)
        assert [m.get("album_media") for m in sent[:2]] == ["upload", "https://cdn.example.id/roa.jpg"]
        assert sent[0]["caption"] == "Keripik Tempe Rp12.000" and sent[0]["caption_entities"][0]["type"] == "bold"
        assert sent[2]["text"].startswith("Keripik") and sent[2]["reply_markup"]
