"""The local fake Bot API and fake Twilio API from tests/fakes, in a process of their own
(so their Python does not share the bench's), with the platforms' limits on, recording when
each message was accepted.

Telegram: the fake's flood control as in the tests (30 messages a second per bot, 1 a second
per chat with bursts of 3): a send over it gets 429. Twilio queues what is over a sender's
MPS rather than refusing it, so the fake Twilio accepts everything and the bench counts the
most messages accepted in any one second against the 80 MPS cap.

Updates reach the server by webhook POST straight from wrk, so the fake never saw them: it
accepts any callback query id, and treats a message the bot is asked to edit as one it sent
earlier (Telegram would have it).
"""

from __future__ import annotations

import multiprocessing
import time
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


def most_in_window(times: Sequence[float], seconds: float = 1.0) -> int:
    """The most events in any window of `seconds` (times sorted)."""
    best = 0
    for i, start in enumerate(times):
        best = max(best, bisect_right(times, start + seconds - 1e-9, i) - i)
    return best


@dataclass
class Deliveries:
    sent: int  # messages the platform accepted (sends and edits)
    times: list[float]  # CLOCK_MONOTONIC of each, comparable across processes
    count_429: int
    other_calls: int  # answerCallbackQuery, getMe, setWebhook ...
    errors: list[str]
    repeats: int  # new messages with the same recipient and text as an earlier one (see `repeated`)
    repeat_examples: list[tuple[str, str]]  # a few of them, for the results file

    def between(self, start: float, end: float) -> list[float]:
        return [t for t in self.times if start <= t < end]

    def rate(self, start: float, end: float) -> float:
        """Messages accepted per second between two monotonic times."""
        return len(self.between(start, end)) / (end - start) if end > start else 0.0

    def peak(self) -> int:
        return most_in_window(self.times)


def repeated(keys: Sequence[tuple[str, str]]) -> int:
    """Messages that repeat an earlier one to the same person word for word: a message sent
    twice, unless the app wrote that reply twice itself (bench/http_bench.py subtracts those)."""
    return len(keys) - len(set(keys))


def examples(keys: Sequence[tuple[str, str]], count: int = 5) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    found = []
    for key in keys:
        if key in seen and len(found) < count:
            found.append((key[0], key[1][:200]))
        seen.add(key)
    return found


def _telegram(chats: Sequence[int]):  # type: ignore[no-untyped-def]
    from tests.fakes.telegram_api import FakeTelegramAPI

    class BenchTelegramAPI(FakeTelegramAPI):
        times: list[float] = []
        keys: list[tuple[str, str]] = []

        def _new_message(self, chat, content):  # type: ignore[no-untyped-def]
            msg = super()._new_message(chat, content)
            self.times.append(time.monotonic())
            self.keys.append((str(chat["id"]), str(content.get("text") or content.get("caption") or "")))
            return msg

        def _apply_edit(self, msg, changes):  # type: ignore[no-untyped-def]
            edited = super()._apply_edit(msg, changes)
            self.times.append(time.monotonic())
            return edited

        def _editable(self, params):  # type: ignore[no-untyped-def]
            chat = self._chat(params)
            key = (chat["id"], int(params.get("message_id") or 0))
            self._messages.setdefault(key, {"message_id": key[1], "from": dict(self.bot_user), "chat": dict(chat),
                                            "date": int(time.time()) - 2, "text": "…"})
            return super()._editable(params)

        def _m_answercallbackquery(self, p):  # type: ignore[no-untyped-def]
            self._callback_ids.add(p.get("callback_query_id"))
            return super()._m_answercallbackquery(p)

    fake = BenchTelegramAPI()
    for chat in chats:
        fake.add_chat(chat)
    return fake


def _twilio():  # type: ignore[no-untyped-def]
    from tests.fakes.twilio_api import FakeTwilioAPI

    class BenchTwilioAPI(FakeTwilioAPI):
        times: list[float] = []
        keys: list[tuple[str, str]] = []

        def _create(self, fields):  # type: ignore[no-untyped-def]
            resource = super()._create(fields)
            self.times.append(time.monotonic())
            form = dict(fields)
            self.keys.append((str(form.get("To")), str(form.get("Body") or form.get("ContentVariables") or "")))
            return resource

    return BenchTwilioAPI()


def _serve(kind: str, conn, chats: Sequence[int]) -> None:  # type: ignore[no-untyped-def]
    fake = _telegram(chats) if kind == "telegram" else _twilio()
    with fake:
        # A server killed mid-request resets its connections: not the fake's error, and not worth a traceback.
        fake._server.handle_error = lambda request, address: None
        info = {"base_url": fake.base_url}
        if kind == "telegram":
            info["token"] = fake.token
        else:
            info.update(account_sid=fake.account_sid, auth_token=fake.auth_token)
        conn.send(info)
        while conn.recv() != "stop":
            with fake._lock:
                calls = len(fake.calls) if kind == "telegram" else len(fake.requests)
                refused = getattr(fake, "count_429", 0)
                conn.send(Deliveries(len(fake.times), list(fake.times), refused, calls - len(fake.times) - refused,
                                     list(fake.server_errors)[:5], repeated(fake.keys), examples(fake.keys)))


class FakeProcess:
    def __init__(self, conn, info: dict[str, Any]):  # type: ignore[no-untyped-def]
        self._conn = conn
        self.info = info

    def deliveries(self) -> Deliveries:
        self._conn.send("stats")
        result: Deliveries = self._conn.recv()
        return result


@contextmanager
def running(kind: str, chats: Sequence[int] = ()) -> Iterator[FakeProcess]:
    """kind: "telegram" or "twilio"."""
    ctx = multiprocessing.get_context("spawn")
    ours, theirs = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(kind, theirs, list(chats)), daemon=True, name=f"fake-{kind}")
    proc.start()
    try:
        if not ours.poll(60):
            raise RuntimeError(f"the fake {kind} API did not start")
        yield FakeProcess(ours, ours.recv())
    finally:
        ours.send("stop")
        proc.join(10)
        if proc.is_alive():
            proc.kill()
