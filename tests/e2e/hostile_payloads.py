"""Hypothesis strategies for hostile requests to the served app: each draws one HTTP request
(method, path, headers, body) and what the answer must be, for the simulator, the Telegram and
Twilio webhooks and the media path. The values mix realistic shop words (so conversations move
into checkout and payment states) with what a stranger would try: NUL and control characters,
lone surrogates, 20-digit and 2**63 numbers, NaN, names of 500 characters, wrong JSON types,
5,000-level nesting, invalid UTF-8, forged or missing signatures, odd query strings."""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from tests.fakes.twilio_api import sign

PUBLIC = "https://bot.example.test"
TELEGRAM_SECRET = "hostile_SECRET_only_for_tests"
SHOP_NUMBER = "+6281188880000"

# Senders: a small pool, so one person's messages build up a conversation, plus anything at all.
SIM_USERS = [f"tamu-{n}" for n in range(6)]
TG_CHATS = [880000001 + n for n in range(6)]
WA_NUMBERS = [f"+62813000000{n}" for n in range(6)]

WORDS = ["halo", "menu", "katalog", "keranjang", "checkout", "bayar", "pesanan saya", "batal", "bantuan", "ya",
         "lewati", "diantar", "ambil sendiri", "transfer", "qris", "cod", "pesan 2 kripik pedes",
         "pesan 999 nastar", "cari rendang", "1", "2", "9", "0", "sudah transfer", "STOP", "mau promo", "kode HEMAT10",
         "lunas KD-0001", "tolak KD-0001 palsu", "kirim KD-0001 jne 123", "KD-0001", "batalkan pesanan",
         "stok rendang 0", "harga rendang 1rb", "undang staf", "hapus staf Budi", "produk baru Racun 1rb stok 9",
         "broadcast laporan 99999999999999999999", "promo stop 99999999999999999999", "rekap", "Siti Rahayu",
         "Jl. Ijen No. 5, Klojen", "/start promo_HEMAT10", "/start", "/katalog@tokobot", "²", "١٢", "٣",
         "9" * 40, "1e20", "NaN", "-1", "2147483648", "%00", "../../etc/passwd", "' OR 1=1 --", "<script>x</script>",
         "\u202eevil", "\ufeff", "ＫＤ－０００１", "Siti\x00Rahayu", "a\x00", "\x00", "\x7f\x1b[2J", "line\r\nbreak",
         "💥" * 300, "a" * 201, "n" * 5000, "x" * 20001]

def weighted(*choices: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """One of the strategies, each about `weight` times as often as a weight of 1 (st.one_of
    favours its first and last branches, which would make the odd cases the common ones)."""
    return st.sampled_from([s for weight, s in choices for _ in range(weight)]).flatmap(lambda s: s)


# Fresh ids, so that most probes are new messages rather than repeats the engine drops at once.
_fresh = itertools.count(10**9)
FRESH = st.builds(lambda: next(_fresh))

NUMBERS = st.one_of(st.integers(-3, 12), st.integers(2**31 - 3, 2**31 + 3), st.integers(2**63 - 2, 2**63 + 2),
                    st.just(10**20), st.integers())
SKUS = st.sampled_from(["KRP-SGK-PDS", "SBL-BWG", "RDG-SPI", "NSTR", "8991234567890", "", "x" * 60])
TEXT = st.one_of(st.sampled_from(WORDS), st.text(max_size=40),
                 st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=20),
                 st.builds(lambda a, b: a + b, st.sampled_from(WORDS), st.text(max_size=10)))
LONG = st.one_of(st.text(min_size=190, max_size=260), st.just("N" * 500), st.just("\x00" * 3))
NAME = weighted((4, st.none()), (4, TEXT), (1, LONG))
CHOICE = st.one_of(
    st.builds("c:{}:{}".format, NUMBERS, NUMBERS), st.builds("c:{}".format, NUMBERS),
    st.builds("a:{}:{}".format, SKUS, NUMBERS), st.builds("p:{}".format, SKUS), st.builds("q:{}".format, SKUS),
    st.builds("rm:{}".format, SKUS), st.builds("chg:{}".format, SKUS), st.builds("pick:{}".format, SKUS),
    st.builds("bc:report:{}".format, NUMBERS), st.builds("sl:pick:{}".format, NUMBERS),
    st.builds("lunas:KD-{}".format, NUMBERS), st.builds("ord:KD-{}".format, NUMBERS),
    st.builds("zone:{}".format, st.sampled_from(["dalam-kota", "luar-kota", "bulan", ""])),
    st.sampled_from(["catalog", "cart", "checkout", "menu", "orders", "empty", "chg", "batal", "search", "help",
                     "ful:delivery", "ful:pickup", "skip", "pay:bank_transfer", "pay:qris", "pay:cod", "pay:x",
                     "confirm", "confirm:yes", "stale", "promo:new", "bc:new", "sps:cart", "spc:1", "~abc", "@c:1:0",
                     ":", "::", "c::", "a::", "a:x:"]),
    TEXT, LONG)
ANY_JSON = st.recursive(st.one_of(st.none(), st.booleans(), NUMBERS, st.floats(), TEXT),
                        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
                        max_leaves=8)
RAW_BODIES = st.one_of(
    st.sampled_from([b"", b"{", b"[]", b"null", b"NaN", b"\xff\xfe\x00", b"{\"user\": NaN}", b"{\"user\": \"\xff\"}",
                     b"{\"update_id\": 1e400}", b"{\"user\": \"a\\ud800\"}", b"[" * 5000 + b"]" * 5000,
                     b"{\"a\":" * 3000 + b"1" + b"}" * 3000, b"\x00" * 64]),
    st.binary(max_size=120))
FORWARDING = st.sampled_from([("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-For", "127.0.0.1"),
                              ("Forwarded", "for=203.0.113.7"), ("X-Real-IP", "127.0.0.1"), ("Via", "1.1 nginx"),
                              ("X-Forwarded-Host", "toko.example"), ("X-Forwarded-Proto", "https"),
                              ("Host", "toko.example"), ("Host", "127.0.0.1.nip.io:8000"), ("CF-Connecting-IP", "1.2.3.4")])


@dataclass
class Probe:
    """One request and what it may be answered: `expect` a set of statuses, or None for any below 500."""

    endpoint: str
    method: str
    path: str
    headers: dict[str, str | bytes] = field(default_factory=dict)
    body: bytes = b""
    expect: frozenset[int] | None = None


def _one_in(n: int) -> st.SearchStrategy[bool]:
    """True about once in n draws (hypothesis favours the ends of an integer range, so not integers(0, n))."""
    return st.sampled_from([False] * (n - 1) + [True])


def _maybe(value: st.SearchStrategy, p_none: bool = True) -> st.SearchStrategy:
    return st.one_of(st.none(), value) if p_none else value


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


# --- the simulator ------------------------------------------------------------------------

def _sim_body(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["object"] * 8 + ["raw", "wrong type"]))
    if kind == "raw":
        return draw(RAW_BODIES)
    user = draw(weighted((12, st.sampled_from(SIM_USERS)), (1, TEXT), (1, LONG), (1, NUMBERS), (1, st.none())))
    if user in ("penjual",):
        user = "tamu-0"  # the demo's seller may change the shop: a stranger is anyone else
    body = _drop_none({"user": user, "text": draw(weighted((1, st.none()), (4, TEXT))), "name": draw(NAME),
                       "message_id": draw(weighted((12, st.none()), (1, TEXT), (1, LONG), (1, st.builds(str, NUMBERS)))),
                       "choice": draw(weighted((2, st.none()), (1, CHOICE)))})
    if kind == "wrong type":
        body[draw(st.sampled_from(["user", "text", "name", "choice", "message_id"]))] = draw(ANY_JSON)
    return json.dumps(body, allow_nan=True).encode()


@st.composite
def simulator_probe(draw: st.DrawFn) -> Probe:
    headers = {"Content-Type": draw(st.sampled_from(["application/json"] * 8 + ["text/plain", "application/json; charset=utf-8"]))}
    proxied = draw(_one_in(10))
    if proxied:
        name, value = draw(FORWARDING)
        headers[name] = value
    if draw(_one_in(6)):
        return Probe("simulator", "GET", "/api/simulator/messages?" + urlencode({"user": draw(TEXT)}),
                     {k: v for k, v in headers.items() if k != "Content-Type"}, b"",
                     frozenset({403}) if proxied else frozenset({200, 422}))
    expect = frozenset({403}) if proxied else None
    return Probe("simulator", "POST", "/api/simulator/messages", headers, _sim_body(draw), expect)


# --- Telegram -----------------------------------------------------------------------------

def _user(chat: object, name: object) -> dict:
    return {"id": chat, "is_bot": False, "first_name": name, "language_code": "id"}


@st.composite
def telegram_update(draw: st.DrawFn) -> dict:
    chat = draw(weighted((8, st.sampled_from(TG_CHATS)), (1, NUMBERS)))
    name = draw(st.one_of(TEXT, LONG))
    date = draw(weighted((20, st.builds(lambda: int(time.time()))), (1, st.sampled_from([0, -1, 10**20, 2**63, 1e20])),
                         (1, st.floats()), (1, TEXT)))
    message = {"message_id": draw(NUMBERS), "from": _user(chat, name), "date": date,
               "chat": {"id": chat, "first_name": name, "type": draw(st.sampled_from(["private"] * 6 + ["group", "x"]))}}
    kind = draw(st.sampled_from(["text", "text", "text", "photo", "location", "contact", "venue", "sticker",
                                 "document", "callback", "edited", "member", "unknown"]))
    update: dict = {"update_id": draw(weighted((12, FRESH), (1, NUMBERS)))}
    if kind == "text":
        message["text"] = draw(weighted((12, TEXT), (1, NUMBERS), (1, st.lists(TEXT, max_size=2)), (1, st.none())))
    elif kind == "photo":
        message["photo"] = [{"file_id": draw(st.one_of(TEXT, LONG)), "file_unique_id": "u", "width": 1, "height": 1}]
        message["caption"] = draw(_maybe(TEXT))
    elif kind == "location":
        message["location"] = {"latitude": draw(st.one_of(st.floats(), NUMBERS)), "longitude": draw(st.floats())}
    elif kind == "contact":
        message["contact"] = {"phone_number": draw(st.one_of(TEXT, st.just("+6281300000001"))),
                              "first_name": name, "user_id": chat}
    elif kind == "venue":
        message["venue"] = {"location": {"latitude": -7.9, "longitude": 112.6}, "title": draw(LONG),
                            "address": draw(TEXT)}
        message["location"] = message["venue"]["location"]
    elif kind == "sticker":
        message["sticker"] = {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1,
                              "is_animated": False, "is_video": False, "emoji": draw(TEXT)}
    elif kind == "document":
        message["document"] = {"file_id": draw(TEXT), "file_unique_id": "d", "mime_type": draw(TEXT)}
    if kind == "callback":
        update["callback_query"] = {"id": draw(TEXT), "from": _user(chat, name), "chat_instance": "1",
                                    "data": draw(st.one_of(CHOICE, NUMBERS, st.none())), "message": message}
    elif kind == "edited":
        message["text"] = draw(TEXT)
        update["edited_message"] = message
    elif kind == "member":
        update["my_chat_member"] = {"chat": message["chat"], "from": _user(chat, name), "date": date,
                                    "old_chat_member": {"user": _user(chat, name), "status": "member"},
                                    "new_chat_member": {"user": _user(chat, name),
                                                        "status": draw(st.sampled_from(["kicked", "member", "x"]))}}
    elif kind == "unknown":
        update[draw(TEXT)] = draw(ANY_JSON)
    else:
        update["message"] = message
    if draw(_one_in(8)):  # a field of the wrong type somewhere
        target = update.get("message") or update.get("callback_query") or update
        target[draw(st.sampled_from(["from", "chat", "date", "text", "message_id", "data", "id"]))] = draw(ANY_JSON)
    return update


@st.composite
def telegram_probe(draw: st.DrawFn) -> Probe:
    secret = draw(st.sampled_from([TELEGRAM_SECRET] * 9 + [None, "wrong", TELEGRAM_SECRET + "x"]))
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    body = draw(RAW_BODIES) if draw(_one_in(10)) else \
        json.dumps(draw(telegram_update()), allow_nan=True, ensure_ascii=draw(st.booleans())).encode()
    # Telegram is told 200 for everything it sent (a repeat would fail the same way), 403 for the rest.
    return Probe("telegram", "POST", "/webhooks/telegram", headers, body,
                 frozenset({200}) if secret == TELEGRAM_SECRET else frozenset({403}))


# --- Twilio -------------------------------------------------------------------------------

@st.composite
def twilio_params(draw: st.DrawFn) -> dict[str, str]:
    number = draw(weighted((8, st.sampled_from(WA_NUMBERS)), (1, TEXT)))
    sid = draw(weighted((12, st.builds("SM{:032x}".format, FRESH)), (1, TEXT), (1, LONG),
                        (1, st.just("SM" + "9" * 120))))
    params = {"MessageSid": sid, "SmsMessageSid": sid, "AccountSid": "AC3f9a1c2b7d4e5f60718293a4b5c6d7e8",
              "From": f"whatsapp:{number}", "WaId": number.lstrip("+"), "To": f"whatsapp:{SHOP_NUMBER}",
              "Body": draw(TEXT), "ProfileName": draw(st.one_of(TEXT, LONG)), "NumMedia": "0",
              "NumSegments": "1", "ApiVersion": "2010-04-01"}
    fields = st.sampled_from(["NumMedia", "MediaUrl0", "MediaContentType0", "Latitude", "Longitude", "Address",
                              "Label", "ButtonPayload", "ButtonText", "ListId", "ListTitle", "To", "From", "Body",
                              "MessageSid", "SmsSid"])
    values = st.one_of(TEXT, LONG, CHOICE, st.sampled_from(["NaN", "1e400", "-91", "3", "99999999999999999999",
                                                            "https://api.twilio.com/2010-04-01/Accounts/x/Media/ME1",
                                                            "http://169.254.169.254/latest", "image/jpeg"]))
    extra = draw(st.dictionaries(fields, values, max_size=3))
    params.update(extra)
    return params


def _twilio_form(params: dict[str, str]) -> bytes:
    return urlencode(params).encode("utf-8", "surrogatepass")


@st.composite
def twilio_probe(draw: st.DrawFn, status: bool = False) -> Probe:
    path = "/webhooks/twilio/status" if status else "/webhooks/twilio"
    if status:
        params = {"MessageSid": draw(st.one_of(TEXT, LONG)), "MessageStatus": draw(st.one_of(
            st.sampled_from(["sent", "delivered", "read", "failed", "undelivered"]), TEXT)),
                  "ErrorCode": draw(st.one_of(st.none(), TEXT, st.just("63016"))), "To": draw(TEXT)}
        params = _drop_none(params)
    else:
        params = draw(twilio_params())
    query = draw(st.sampled_from([""] * 12 + ["bodySHA256=", "xbodySHA256=1", "bodySHA256=abc", "a=%ff", "%%%",
                                              "bodySHA256=1&bodySHA256=2", "x=" + "y" * 300]))
    url = PUBLIC + path + (f"?{query}" if query else "")
    mode = draw(st.sampled_from(["signed"] * 12 + ["json-signed", "unsigned", "forged", "not-utf8", "raw"]))
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        body = _twilio_form(params)
    except UnicodeEncodeError:
        body = b"Body=x"
    signed_ok = False
    if mode == "signed" and "bodySHA256" not in query:
        headers["X-Twilio-Signature"] = sign("test_auth_token_0123456789abcdef", url, params)
        signed_ok = True
    elif mode == "json-signed":  # Twilio's JSON webhooks: the body's hash in the query, nothing else signed
        body = json.dumps(params).encode()
        url = PUBLIC + path + "?bodySHA256=" + hashlib.sha256(body).hexdigest()
        headers["X-Twilio-Signature"] = RequestValidator("test_auth_token_0123456789abcdef").compute_signature(url, {})
        headers["Content-Type"] = "application/json"
        signed_ok = True
    elif mode == "forged":
        headers["X-Twilio-Signature"] = draw(st.sampled_from(["AAAA", "", b"\xff\xff\xff", "x" * 400]))
    elif mode == "not-utf8":
        body = b"Body=\xff\xfe&From=whatsapp%3A%2B6281300000001"
        headers["X-Twilio-Signature"] = "bm90IGEgc2lnbmF0dXJl"
    elif mode == "raw":
        body = draw(RAW_BODIES)
        headers["X-Twilio-Signature"] = sign("test_auth_token_0123456789abcdef", url, {})
    request_path = url.removeprefix(PUBLIC)
    return Probe("twilio-status" if status else "twilio", "POST", request_path, headers, body,
                 None if signed_ok or mode == "raw" else frozenset({403}))


# --- the media path -----------------------------------------------------------------------

@st.composite
def media_probe(draw: st.DrawFn) -> Probe:
    tail = draw(st.one_of(
        st.sampled_from(["demo/qris-dapur-bu-sri.png", "demo/../../config.py", "..%2f..%2fconfig.py", "%2e%2e/%2e%2e/config.py",
                         "demo/%00", "%00", "demo/..%5c..%5cconfig.py", "a" * 5000, "demo/", "", "//etc/passwd",
                         "demo/qris-dapur-bu-sri.png%00.txt", "..;/config.py", "\u202e", "%ff%fe", "demo/%c0%ae%c0%ae/"]),
        st.builds(lambda t: quote(t, safe="/%"), st.text(max_size=60)),
        st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e, exclude_characters="#?"), max_size=40)))
    return Probe("media", draw(st.sampled_from(["GET", "GET", "HEAD"])), "/media/" + tail, {}, b"")
