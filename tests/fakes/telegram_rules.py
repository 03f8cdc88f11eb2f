"""Rules the fake Bot API enforces: parse_mode parsing, entity offsets, keyboard checks, flood windows.

Errors carry the same descriptions the real Bot API returns, so code under test can branch on them.
"""
from __future__ import annotations

import html, json, re
from collections import defaultdict, deque

TEXT_LIMIT, CAPTION_LIMIT, CALLBACK_DATA_LIMIT, BUTTON_LIMIT = 4096, 1024, 64, 100
BUTTON_ACTIONS = {"url", "callback_data", "web_app", "login_url", "switch_inline_query", "copy_text", "pay",
                  "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "callback_game"}


def utf16_len(s: str) -> int:
    """Telegram measures text and entity offsets in UTF-16 code units (emoji count as 2)."""
    return len(s.encode("utf-16-le")) // 2


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


def bad(description: str) -> ApiError:
    return ApiError(400, "Bad Request: " + description)


def _entities_error(src: str, i: int | None, text: str) -> ApiError:
    where = "" if i is None else f" at byte offset {len(src[:i].encode())}"
    return bad(f"can't parse entities: {text}{where}")


_HTML_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
              "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
              "span": "spoiler", "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
              "tg-emoji": "custom_emoji"}
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^<>]*)>")
_HTML_ENTITY_RE = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_MD_MARKS = [("```", "pre"), ("||", "spoiler"), ("__", "underline"), ("*", "bold"), ("_", "italic"),
             ("~", "strikethrough"), ("`", "code")]
_MD_RESERVED = set("_*[]()~`>#+-=|{}.!")


def parse_html(src: str) -> tuple[str, list]:
    """Strip Telegram-HTML into (text, entities) and reject what Telegram rejects."""
    out, entities, stack, i, pos = [], [], [], 0, 0
    while i < len(src):
        if src[i] == "<":
            m = _TAG_RE.match(src, i)
            name = m.group(2).lower() if m else ""
            if not m or name not in _HTML_TAGS or (name == "span" and "tg-spoiler" not in m.group(3)):
                raise _entities_error(src, i, f'Unsupported start tag "{name}"')
            if m.group(1):
                if not stack:
                    raise _entities_error(src, i, "Unexpected end tag")
                open_name, start, extra = stack.pop()
                if open_name != name:
                    raise _entities_error(src, i, f'Unmatched end tag, expected "</{open_name}>", found "</{name}>"')
                if pos > start and not (name == "a" and not extra):
                    entities.append({"type": _HTML_TAGS[name], "offset": start, "length": pos - start, **extra})
            else:
                href = re.search(r"""href\s*=\s*["']([^"']*)["']""", m.group(3))
                emoji = re.search(r"""emoji-id\s*=\s*["'](\d+)["']""", m.group(3))
                extra = {"url": html.unescape(href.group(1))} if name == "a" and href else {}
                if name == "tg-emoji":
                    extra = {"custom_emoji_id": emoji.group(1) if emoji else "0"}
                stack.append((name, pos, extra))
            i = m.end()
            continue
        m = _HTML_ENTITY_RE.match(src, i) if src[i] == "&" else None
        piece, i = (html.unescape(m.group()), m.end()) if m else (src[i], i + 1)
        out.append(piece)
        pos += utf16_len(piece)
    if stack:
        raise _entities_error(src, None, f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(out), sorted(entities, key=lambda e: e["offset"])


def parse_markdown_v2(src: str) -> tuple[str, list]:
    """Strip MarkdownV2 into (text, entities); unescaped reserved characters are errors, as in Telegram."""
    out, entities, stack, i, pos = [], [], [], 0, 0
    while i < len(src):
        ch, in_code = src[i], bool(stack) and stack[-1][0] in ("code", "pre")
        if ch == "\\" and i + 1 < len(src):
            piece, i = src[i + 1], i + 2
        elif in_code and not src.startswith(stack[-1][2], i):
            piece, i = ch, i + 1
        elif ch == "]" and stack and stack[-1][0] == "text_link":
            m = re.compile(r"\]\(((?:[^()\\]|\\.)*)\)").match(src, i)
            if not m:
                raise _entities_error(src, i, "Can't find end of a URL")
            _, start, _, _ = stack.pop()
            entities.append({"type": "text_link", "offset": start, "length": pos - start,
                             "url": re.sub(r"\\(.)", r"\1", m.group(1))})
            i = m.end()
            continue
        elif ch == "[":
            stack.append(("text_link", pos, "]", i))
            i += 1
            continue
        elif ch == ">" and (i == 0 or src[i - 1] == "\n"):
            i += 1  # blockquote marker; no entity emitted (kept simple)
            continue
        else:
            mark = next((mk for mk in _MD_MARKS if src.startswith(mk[0], i)), None)
            if mark:
                if stack and stack[-1][2] == mark[0]:
                    kind, start, _, _ = stack.pop()
                    if pos > start:
                        entities.append({"type": kind, "offset": start, "length": pos - start})
                    i += len(mark[0])
                else:
                    stack.append((mark[1], pos, mark[0], i))
                    i += len(mark[0])
                    if mark[1] == "pre" and (lang := re.compile(r"[\w+-]*\n").match(src, i)):
                        i = lang.end()  # ```python\n  -> language line is not part of the text
                continue
            if ch in _MD_RESERVED or ch == "\\":
                raise _entities_error(src, None, f"Character '{ch}' is reserved and must be escaped "
                                                 "with the preceding '\\'")
            piece, i = ch, i + 1
        out.append(piece)
        pos += utf16_len(piece)
    if stack:
        kind = {"text_link": "TextUrl"}.get(stack[-1][0], stack[-1][0].capitalize())
        raise _entities_error(src, stack[-1][3], f"Can't find end of {kind} entity")
    return "".join(out), sorted(entities, key=lambda e: e["offset"])


def check_markup(markup) -> dict | None:
    if markup is None:
        return None
    if isinstance(markup, str):
        try:
            markup = json.loads(markup)
        except ValueError:
            raise bad("can't parse reply keyboard markup JSON object") from None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if rows is None:
        return markup  # reply keyboards, ReplyKeyboardRemove, ForceReply: accepted as-is
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad("can't parse inline keyboard button: field \"inline_keyboard\" must be an Array of Arrays")
    buttons = [b for row in rows for b in row]
    if len(buttons) > BUTTON_LIMIT:
        raise bad("REPLY_MARKUP_TOO_LONG")
    for b in buttons:
        if not isinstance(b, dict) or not b.get("text"):
            raise bad("can't parse inline keyboard button: Text must be non-empty")
        if not BUTTON_ACTIONS & set(b):
            raise bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
        if "callback_data" in b and not 1 <= len(str(b["callback_data"]).encode()) <= CALLBACK_DATA_LIMIT:
            raise bad("BUTTON_DATA_INVALID")
        if "url" in b and not str(b["url"]).startswith(("http://", "https://", "tg://")):
            raise bad("BUTTON_URL_INVALID")
    return markup


def format_text(text, parse_mode, entities) -> tuple[str, list | None]:
    mode = (parse_mode or "").lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode not in ("", "markdown"):  # legacy Markdown is echoed unparsed
        raise bad(f"unsupported parse_mode \"{parse_mode}\"")
    return text, (json.loads(entities) if isinstance(entities, str) else entities)


class SlidingWindows:
    """Flood-control bookkeeping: send timestamps per chat and globally (model: FakeTelegramAPI docstring)."""

    def __init__(self, clock) -> None:
        self.clock, self.per_chat, self.all = clock, defaultdict(deque), deque()

    def retry_after(self, chat_id, per_chat_per_sec, per_chat_burst, global_per_sec) -> float | None:
        now = self.clock()
        if global_per_sec:
            while self.all and self.all[0] <= now - 1:
                self.all.popleft()
            if len(self.all) >= global_per_sec:
                return self.all[0] + 1 - now
        if per_chat_per_sec:
            window, times = per_chat_burst / per_chat_per_sec, self.per_chat[chat_id]
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) >= per_chat_burst:
                return times[0] + window - now
        return None

    def note(self, chat_id) -> None:
        now = self.clock()
        self.all.append(now)
        self.per_chat[chat_id].append(now)


def maybe_json(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id "@channel"


def maybe_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
