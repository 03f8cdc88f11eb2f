"""Fake Telegram Bot API: a real HTTP server on 127.0.0.1 that python-telegram-bot talks to.

    with FakeTelegramAPI() as tg:
        bot = telegram.Bot(tg.token, base_url=tg.base_url, base_file_url=tg.base_file_url)

Only the network is faked; PTB's request building and response parsing run unchanged.
PTB 22 posts application/x-www-form-urlencoded with every non-string value JSON-dumped
(chat_id=5, disable_notification=true, reply_markup={...}), switches to multipart only when
uploading bytes, and sends getMe as an empty POST. JSON bodies and query strings work too.

Flood control model (documented choice, Telegram publishes no exact algorithm): sendMessage,
sendPhoto and the edit methods count (not sendChatAction/answerCallbackQuery), and only calls
that pass validation count, so a 400 stays a 400 even while a chat is flooded.
Per chat: at most ``per_chat_burst`` (default 3) messages in any sliding window of
``per_chat_burst / per_chat_per_sec`` seconds (3 s at the default 1/s): a short burst is fine,
the sustained rate is 1/s. Globally: at most ``global_per_sec`` (30) in any 1 s window.
Pass None to disable a limit. The 429 carries retry_after = seconds until the window frees up.
"""
from __future__ import annotations

import copy, itertools, json, math, re, secrets, threading, time
from collections import defaultdict, deque

import pytest

from ._http import LocalHTTPFake, Request
from .telegram_rules import (CAPTION_LIMIT, TEXT_LIMIT, ApiError, SlidingWindows, bad, check_markup, format_text,
                             maybe_int, maybe_json, utf16_len)

DEFAULT_TOKEN = "7012345678:AAFakeTokenForTests_0123456789abcdefXYZ"  # bot id matches the samples
# Sent verbatim by PTB; never JSON-decode them (text "123" must stay a string).
RAW_PARAMS = {"text", "caption", "parse_mode", "url", "secret_token", "callback_query_id", "file_id",
              "action", "inline_message_id", "photo", "ip_address", "business_connection_id"}
CHAT_ACTIONS = {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
                "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
DEFAULT_EXCLUDED_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}
NOT_FORCEABLE = {"getupdates", "getme"}  # force_429 must not be eaten by polling or startup


def _json(status: int, body: dict) -> tuple[int, dict, bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(body).encode()


class FakeTelegramAPI(LocalHTTPFake):
    def __init__(self, token: str = DEFAULT_TOKEN, *, bot_first_name: str = "Toko Batik Sekar",
                 bot_username: str = "tokobatiksekar_bot", per_chat_per_sec: float | None = 1,
                 per_chat_burst: int = 3, global_per_sec: int | None = 30, long_poll_cap: float = 0.5,
                 clock=time.monotonic):
        super().__init__()
        self.token = token
        self.bot_user = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": bot_first_name,
                         "username": bot_username}
        self.per_chat_per_sec, self.per_chat_burst = per_chat_per_sec, per_chat_burst
        self.global_per_sec = global_per_sec
        self.long_poll_cap = long_poll_cap  # the cap keeps long polls short in tests
        self._cond = threading.Condition(self._lock)
        self.calls: list[tuple[str, dict]] = []
        self.count_429 = 0
        self.webhook = {"url": "", "secret_token": None, "allowed_updates": None}
        self.callback_answers: list[dict] = []
        self._updates: deque = deque()
        self._next_update_id = 1000
        self._allowed_updates: list | None = None
        self._chats: dict = {}
        self._blocked: set = set()
        self._last_mid: dict = defaultdict(int)
        self._messages: dict = {}  # (chat_id, message_id) -> message dict (bot's own messages)
        self._sent: list = []      # (chat_id, message_id) in send order
        self._files: dict = {}     # file_id -> {"data": bytes|None, "file_path": str}
        self._file_seq = itertools.count(1)
        self._callback_ids: set = set()
        self._flood = SlidingWindows(clock)
        self._forced: deque = deque()
        self._stopping = False
        # Telegram serves one getUpdates per bot at a time: a second one ends the first with 409.
        self._polls = 0  # getUpdates calls so far; the waiting one is the newest, or it is ended
        self.conflicts = 0  # long polls ended that way

    # ---- URLs -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # ---- test-side controls -----------------------------------------------------------------
    def add_chat(self, chat_id: int | str, type: str | None = None, **fields) -> dict:
        """Make a chat known (Telegram answers 'chat not found' for chats that never talked to the bot)."""
        with self._lock:
            cid = int(chat_id)
            default_type = "private" if cid > 0 else "supergroup" if str(cid).startswith("-100") else "group"
            chat = {"id": cid, "type": type or default_type}
            chat.update({"first_name": "Test"} if chat["type"] == "private" else {"title": "Test group"})
            chat.update(fields)
            self._chats[cid] = chat
            return chat

    def block_chat(self, chat_id: int) -> None:
        with self._lock:
            if int(chat_id) not in self._chats:
                self.add_chat(chat_id)
            self._blocked.add(int(chat_id))

    def unblock_chat(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.discard(int(chat_id))

    def add_file(self, file_id: str, data: bytes, file_path: str | None = None) -> str:
        with self._lock:
            path = file_path or f"photos/file_{next(self._file_seq)}.jpg"
            self._files[file_id] = {"data": bytes(data), "file_path": path}
            return path

    def push_update(self, update: dict) -> int:
        """Queue an update for getUpdates; learns chats, file_ids, callback ids and bot messages from it."""
        update = copy.deepcopy(update)
        with self._cond:
            update.setdefault("update_id", self._next_update_id)
            self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
            self._learn(update)
            cq = update.get("callback_query") or {}
            if cq.get("id"):
                self._callback_ids.add(cq["id"])
            if isinstance(cq.get("message"), dict) and "chat" in cq["message"]:
                m = cq["message"]  # a message with our inline keyboard is ours, so the bot may edit it
                self._messages.setdefault((m["chat"]["id"], m["message_id"]), copy.deepcopy(m))
            member = update.get("my_chat_member") or {}
            status = (member.get("new_chat_member") or {}).get("status")
            if status in ("kicked", "left"):  # the user blocked the bot: later sends get 403, as on Telegram
                self._blocked.add(member["chat"]["id"])
            elif status in ("member", "administrator"):
                self._blocked.discard(member["chat"]["id"])
            # Telegram hands out updates in update_id order, whatever order a test pushes them in.
            self._updates = deque(sorted([*self._updates, update], key=lambda u: u["update_id"]))
            self._cond.notify_all()
            return update["update_id"]

    def webhook_post(self, update: dict) -> tuple[bytes, dict]:
        """(body, headers) of the POST Telegram would make to the webhook set via setWebhook."""
        headers = {"Content-Type": "application/json"}
        if self.webhook["secret_token"]:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        return json.dumps(update, ensure_ascii=False).encode(), headers

    def webhook_answered(self, body: bytes, content_type: str | None) -> None:
        """What Telegram does with a webhook's answer: a JSON body naming a `method` is run as a Bot
        API call of the bot's (its result and any error are not reported back to anyone)."""
        if not body or not (content_type or "").startswith("application/json"):
            return
        params = json.loads(body)
        method = str(params.pop("method", ""))
        handler = getattr(self, "_m_" + method.lower(), None)
        with self._lock:
            self.calls.append((method, params))
            if handler is None:
                self.server_errors.append(f"FakeTelegramAPI does not implement {method} (in a webhook answer)")
                return
            try:
                handler(params)
            except ApiError:
                pass

    def force_429(self, count: int = 1, retry_after: int = 1) -> None:
        """The next `count` calls (any method but getUpdates/getMe) answer 429 retry_after."""
        with self._lock:
            self._forced.extend([retry_after] * count)

    def sent_messages(self, chat_id: int | None = None) -> list[dict]:
        """Bot messages in send order, in their current (possibly edited) state."""
        with self._lock:
            return [copy.deepcopy(self._messages[k]) for k in self._sent if chat_id is None or k[0] == int(chat_id)]

    def calls_to(self, method: str) -> list[dict]:
        with self._lock:
            return [p for m, p in self.calls if m.lower() == method.lower()]

    @property
    def pending_updates(self) -> list[dict]:
        with self._lock:
            return copy.deepcopy(list(self._updates))

    def _on_stop(self) -> None:
        with self._cond:  # release long polls so shutdown does not wait for them
            self._stopping = True
            self._cond.notify_all()

    # ---- HTTP entry point -------------------------------------------------------------------
    def handle(self, req: Request):
        if (m := re.fullmatch(r"/file/bot([^/]+)/(.+)", req.path)):
            with self._lock:
                if m.group(1) != self.token:
                    return _json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                data = next((f["data"] for f in self._files.values() if f["file_path"] == m.group(2)), None)
            if data is None:
                return _json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return 200, {"Content-Type": "application/octet-stream"}, data
        m = re.fullmatch(r"/bot([^/]*)/(\w+)", req.path)
        if not m:
            return _json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        token, method = m.groups()
        params = {k: v if k in RAW_PARAMS or not isinstance(v, str) else maybe_json(v) for k, v in req.fields}
        for name, (filename, _, data) in req.files.items():
            params.setdefault(name, data)  # uploads are recorded as bytes
            params.setdefault(f"{name}.filename", filename)  # the upload's file name (sendDocument's answer)
        with self._lock:
            self.calls.append((method, params))
        try:
            if token != self.token:  # Telegram: malformed token -> 404, well-formed but wrong -> 401
                if not re.fullmatch(r"\d+:[\w-]+", token):
                    raise ApiError(404, "Not Found")
                raise ApiError(401, "Unauthorized")
            handler = getattr(self, "_m_" + method.lower(), None)
            if handler is None:  # Telegram says 404 (PTB: InvalidToken); say why and flag it for the test
                self.server_errors.append(f"FakeTelegramAPI does not implement {method}")
                raise ApiError(404, f"Not Found: method {method} is not implemented by FakeTelegramAPI")
            if method.lower() == "getupdates":
                return _json(200, {"ok": True, "result": handler(params)})  # waits without the lock held
            with self._lock:
                if self._forced and method.lower() not in NOT_FORCEABLE:
                    raise self._too_many(self._forced.popleft())
                return _json(200, {"ok": True, "result": handler(params)})
        except ApiError as e:
            body = {"ok": False, "error_code": e.code, "description": e.description}
            if e.parameters:
                body["parameters"] = e.parameters
            return _json(e.code, body)

    # ---- internals --------------------------------------------------------------------------
    def _learn(self, obj) -> None:
        if isinstance(obj, dict):
            chat = obj.get("chat")
            if isinstance(chat, dict) and "id" in chat:
                self._chats.setdefault(chat["id"], copy.deepcopy(chat))
                if isinstance(obj.get("message_id"), int):
                    self._last_mid[chat["id"]] = max(self._last_mid[chat["id"]], obj["message_id"])
            if isinstance(obj.get("file_id"), str):
                path = f"photos/file_{next(self._file_seq)}.jpg"
                self._files.setdefault(obj["file_id"], {"data": None, "file_path": path})
            for value in obj.values():
                self._learn(value)
        elif isinstance(obj, list):
            for value in obj:
                self._learn(value)

    def _too_many(self, retry_after: float) -> ApiError:
        self.count_429 += 1
        n = max(1, math.ceil(retry_after))
        return ApiError(429, f"Too Many Requests: retry after {n}", {"retry_after": n})

    def _chat(self, params: dict) -> dict:
        cid = params.get("chat_id")
        if cid in (None, ""):
            raise bad("chat_id is empty")
        if isinstance(cid, str) and cid.startswith("@"):
            chat = next((c for c in self._chats.values() if "@" + str(c.get("username")) == cid), None)
        else:
            try:
                chat = self._chats.get(int(cid))
            except ValueError:
                chat = None
        if chat is None:
            raise bad("chat not found")
        if chat["id"] in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user" if chat["type"] == "private"
                           else "Forbidden: bot was kicked from the group chat")
        return chat

    def _flood_check(self, chat_id: int) -> None:
        wait = self._flood.retry_after(chat_id, self.per_chat_per_sec, self.per_chat_burst, self.global_per_sec)
        if wait is not None:
            raise self._too_many(wait)

    def _new_message(self, chat: dict, content: dict) -> dict:
        # Validation ran first, so a 400 stays deterministic even while a chat is flooded.
        self._flood_check(chat["id"])
        self._flood.note(chat["id"])
        self._last_mid[chat["id"]] += 1
        msg = {"message_id": self._last_mid[chat["id"]], "from": dict(self.bot_user),
               "chat": copy.deepcopy(chat), "date": int(time.time()), **content}
        self._messages[(chat["id"], msg["message_id"])] = msg
        self._sent.append((chat["id"], msg["message_id"]))
        return copy.deepcopy(msg)

    def _text(self, params: dict, key: str = "text", entities_key: str = "entities") -> dict:
        text, entities = format_text(str(params.get(key) or ""), params.get("parse_mode"), params.get(entities_key))
        if key == "text" and not text.strip():
            raise bad("message text is empty")
        # utf16_len is exact: Telegram counts UTF-16 units of the text after entity parsing.
        if key == "text" and utf16_len(text) > TEXT_LIMIT:
            raise bad("message is too long")
        if key == "caption" and utf16_len(text) > CAPTION_LIMIT:
            raise bad("message caption is too long")
        out = {key: text} if text else {}
        if entities:
            out[entities_key] = entities
        return out

    def _editable(self, params: dict) -> dict | None:
        """The stored message to edit, or None for inline messages (Telegram then answers True)."""
        if params.get("inline_message_id"):
            return None
        chat = self._chat(params)
        msg = self._messages.get((chat["id"], maybe_int(params.get("message_id"))))
        if msg is None:
            raise bad("message to edit not found")
        return msg

    def _apply_edit(self, msg: dict, changes: dict):
        new = {k: v for k, v in {**msg, **changes}.items() if v is not None}
        keys = ("text", "entities", "caption", "caption_entities", "reply_markup")
        if all(new.get(k) == msg.get(k) for k in keys):
            raise bad("message is not modified: specified new message content and reply markup are exactly "
                      "the same as a current content and reply markup of the message")
        self._flood_check(msg["chat"]["id"])
        new["edit_date"] = int(time.time())
        msg.clear()
        msg.update(new)
        self._flood.note(msg["chat"]["id"])
        return copy.deepcopy(msg)

    # ---- Bot API methods (_m_<lowercase name>) ----------------------------------------------
    def _m_getme(self, p):
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False}

    def _m_setwebhook(self, p):
        url, secret = p.get("url") or "", p.get("secret_token")
        if url and not url.startswith("https://"):
            raise bad("bad webhook: An HTTPS URL must be provided for webhook")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad("secret token contains unallowed characters")
        if p.get("drop_pending_updates"):
            self._updates.clear()
        allowed = p.get("allowed_updates")
        allowed = maybe_json(allowed) if isinstance(allowed, str) else allowed
        self.webhook = {"url": url, "secret_token": secret, "allowed_updates": allowed}
        if allowed is not None:
            self._allowed_updates = allowed
        return True

    def _m_deletewebhook(self, p):
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {"url": "", "secret_token": None, "allowed_updates": None}
        return True

    def _m_getwebhookinfo(self, p):
        info = {"url": self.webhook["url"], "has_custom_certificate": False, "pending_update_count": len(self._updates)}
        if self.webhook["url"]:
            info.update(max_connections=40, allowed_updates=self._allowed_updates or [])
        return info

    def _m_getupdates(self, p):
        with self._cond:
            self._polls += 1
            mine = self._polls
            self._cond.notify_all()  # a long poll still waiting is ended by this one
            if self.webhook["url"]:
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                    "use deleteWebhook to delete the webhook first")
            if p.get("allowed_updates") is not None:
                allowed = p["allowed_updates"]
                self._allowed_updates = maybe_json(allowed) if isinstance(allowed, str) else allowed
            offset, limit = maybe_int(p.get("offset")) or 0, min(max(maybe_int(p.get("limit")) or 100, 1), 100)
            if offset > 0:  # confirms every update below offset: they are gone for good
                self._updates = deque(u for u in self._updates if u["update_id"] >= offset)
            elif offset < 0:
                while len(self._updates) > -offset:
                    self._updates.popleft()
            deadline = time.monotonic() + min(float(p.get("timeout") or 0), self.long_poll_cap)
            while True:
                if self._polls != mine:
                    self.conflicts += 1
                    raise ApiError(409, "Conflict: terminated by other getUpdates request; "
                                        "make sure that only one bot instance is running")
                allowed = set(self._allowed_updates or []) or None
                for u in list(self._updates):  # Telegram never delivers types outside allowed_updates
                    kind = next((k for k in u if k != "update_id"), None)
                    if (kind not in allowed) if allowed else (kind in DEFAULT_EXCLUDED_UPDATES):
                        self._updates.remove(u)
                remaining = deadline - time.monotonic()
                if self._updates or remaining <= 0 or self._stopping:
                    return copy.deepcopy(list(self._updates)[:limit])
                self._cond.wait(remaining)

    def _m_sendmessage(self, p):
        chat = self._chat(p)
        content = self._text(p)
        if (markup := check_markup(p.get("reply_markup"))) is not None:
            # Telegram returns only an inline keyboard with the message; a reply keyboard (e.g. a
            # share-contact button) is shown to the person but not echoed back.
            content["reply_markup" if "inline_keyboard" in markup else "shown_keyboard"] = markup
        return self._new_message(chat, content)

    def _m_sendphoto(self, p):
        chat = self._chat(p)
        photo = p.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):
            photo = p.get(photo[len("attach://"):])
        if photo is None or photo == "":
            raise bad("there is no photo in the request")
        if isinstance(photo, bytes):
            data = photo
        elif photo.startswith(("http://", "https://")):
            data = b""  # Telegram would download it; we keep an empty placeholder
        elif photo in self._files:
            data = self._files[photo]["data"] or b""
        else:
            raise bad("wrong file identifier/HTTP URL specified")
        content = self._text(p, "caption", "caption_entities")
        sizes = []
        for width in (90, 320):  # Telegram returns several sizes, smallest first
            fid = "AgACAgUAAxkBAAI" + secrets.token_urlsafe(24)
            self.add_file(fid, data)
            sizes.append({"file_id": fid, "file_unique_id": "AQAD" + secrets.token_urlsafe(8),
                          "file_size": len(data), "width": width, "height": width * 4 // 3})
        content["photo"] = sizes
        if (markup := check_markup(p.get("reply_markup"))) is not None:
            # Telegram returns only an inline keyboard with the message; a reply keyboard (e.g. a
            # share-contact button) is shown to the person but not echoed back.
            content["reply_markup" if "inline_keyboard" in markup else "shown_keyboard"] = markup
        return self._new_message(chat, content)

    def _m_sendmediagroup(self, p):
        """An album: 2-10 photos, each a URL, a known file_id or an upload (attach://name)."""
        chat = self._chat(p)
        items = p.get("media")
        if not isinstance(items, list) or not 2 <= len(items) <= 10:
            raise bad("wrong number of media in the album (2-10)")
        group, sent = str(next(self._file_seq)) + secrets.token_hex(4), []
        for item in items:
            photo = item.get("media") if isinstance(item, dict) and item.get("type") == "photo" else None
            if isinstance(photo, str) and photo.startswith("attach://"):
                photo = p.get(photo[len("attach://"):])
            if not photo or (isinstance(photo, str) and not photo.startswith(("http://", "https://"))
                             and photo not in self._files):
                raise bad("wrong file identifier/HTTP URL specified")
            content = self._text({"caption": item.get("caption", ""), "parse_mode": item.get("parse_mode")},
                                 "caption", "caption_entities") if item.get("caption") else {}
            fid = "AgACAgUAAxkBAAI" + secrets.token_urlsafe(24)
            self.add_file(fid, photo if isinstance(photo, bytes) else b"")
            content.update(photo=[{"file_id": fid, "file_unique_id": "AQAD" + secrets.token_urlsafe(8),
                                   "width": 320, "height": 320}], media_group_id=group,
                           album_media=photo if isinstance(photo, str) else "upload")
            sent.append(self._new_message(chat, content))
        return sent
    def _m_senddocument(self, p):
        """A file upload (or a file_id); the bytes are kept, so a test can read back what was sent."""
        chat = self._chat(p)
        document = p.get("document")
        if isinstance(document, str) and document.startswith("attach://"):
            document = p.get(document[len("attach://"):])
        if isinstance(document, bytes):
            data = document
        elif isinstance(document, str) and document in self._files:
            data = self._files[document]["data"] or b""
        else:
            raise bad("there is no document in the request")
        content = self._text(p, "caption", "caption_entities")
        fid = "BQACAgUAAxkBAAI" + secrets.token_urlsafe(24)
        self.add_file(fid, data, f"documents/file_{next(self._file_seq)}")
        name = p.get("document.filename") or "document"
        content["document"] = {"file_id": fid, "file_unique_id": "AgAD" + secrets.token_urlsafe(8),
                               "file_name": name, "file_size": len(data)}
        if (markup := check_markup(p.get("reply_markup"))) is not None:
            content["reply_markup"] = markup
        return self._new_message(chat, content)

    def file_bytes(self, file_id: str) -> bytes:
        with self._lock:
            return self._files[file_id]["data"] or b""

    def _m_editmessagetext(self, p):
        msg = self._editable(p)
        content = self._text(p)
        markup = check_markup(p.get("reply_markup"))
        if msg is None:
            return True
        if "text" not in msg:
            raise bad("there is no text in the message to edit")
        # No reply_markup in an edit removes the inline keyboard, exactly like Telegram.
        return self._apply_edit(msg, {"entities": None, **content, "reply_markup": markup})

    def _m_editmessagereplymarkup(self, p):
        msg = self._editable(p)
        markup = check_markup(p.get("reply_markup"))
        return True if msg is None else self._apply_edit(msg, {"reply_markup": markup})

    def _m_answercallbackquery(self, p):
        if p.get("callback_query_id") not in self._callback_ids:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        self.callback_answers.append(dict(p))
        return True

    def _m_getfile(self, p):
        f = self._files.get(p.get("file_id"))
        if f is None:
            raise bad("invalid file_id")
        size = {"file_size": len(f["data"])} if f["data"] is not None else {}
        return {"file_id": p["file_id"], "file_unique_id": "AQAD" + p["file_id"][-8:], **size,
                "file_path": f["file_path"]}

    def _m_sendchataction(self, p):
        self._chat(p)
        if p.get("action") not in CHAT_ACTIONS:
            raise bad("wrong parameter action in request")
        return True

    def _m_setmycommands(self, p):  # common at startup; accepted and recorded only
        return True

    _m_deletemycommands = _m_setmycommands

    def _m_getmycommands(self, p):
        return []


@pytest.fixture
def fake_telegram():
    """Started FakeTelegramAPI, stopped after the test. Import it or list this module in pytest_plugins."""
    with FakeTelegramAPI() as fake:
        yield fake
