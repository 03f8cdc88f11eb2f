"""Fake Twilio REST API (Messages + Media) and a signer for webhooks, for tests using the real twilio SDK.

    with FakeTwilioAPI() as tw:  # make_twilio_client: tests/fakes/twilio_sync.py
        client = make_twilio_client(tw.account_sid, tw.auth_token, tw.base_url)
        client.messages.create(to="whatsapp:+62...", from_="whatsapp:+62...", body="Halo")
        tw.messages[-1]["Body"]  -> "Halo"

Error bodies use Twilio's classic shape {"code", "message", "more_info", "status"}, which the SDK
turns into TwilioRestException(status, code). Media URLs answer like Twilio: basic auth required
(when the account enforces it), then a 307 redirect to a pre-signed, auth-free CDN URL.
"""
from __future__ import annotations

import base64, json, re, secrets, time, uuid
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
from twilio.request_validator import RequestValidator

from ._http import LocalHTTPFake, Request

DEFAULT_ACCOUNT_SID = "AC3f9a1c2b7d4e5f60718293a4b5c6d7e8"  # the shared samples' fake values (tests/samples.py)
DEFAULT_AUTH_TOKEN = "test_auth_token_0123456789abcdef"
API_VERSION = "2010-04-01"
E164 = re.compile(r"\+[1-9]\d{6,14}")
# Form fields recorded per outbound message (MediaUrl is a list, the others a string or None).
RECORDED = ("To", "From", "Body", "ContentSid", "ContentVariables", "StatusCallback", "MessagingServiceSid")


class TwilioError(Exception):
    def __init__(self, status: int, code: int, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


class _MultiParams(dict):
    """name -> [values]; RequestValidator calls getall() so repeated keys are signed like Twilio does."""

    def getall(self, name):
        return self[name]


def sign(auth_token: str, url: str, params: dict) -> str:
    """X-Twilio-Signature for a form POST to `url` (the URL exactly as configured in Twilio)."""
    multi = _MultiParams({k: list(v) if isinstance(v, (list, tuple)) else [v] for k, v in params.items()})
    return RequestValidator(auth_token).compute_signature(url, multi)


def _now() -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())  # RFC 2822, like the API


def _json(status: int, body, headers: dict | None = None):
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(body).encode()


class FakeTwilioAPI(LocalHTTPFake):
    def __init__(self, account_sid: str = DEFAULT_ACCOUNT_SID, auth_token: str = DEFAULT_AUTH_TOKEN, *,
                 whatsapp_only: bool = True, media_redirect: bool = True):
        super().__init__()
        self.account_sid, self.auth_token = account_sid, auth_token
        self.whatsapp_only, self.media_redirect = whatsapp_only, media_redirect
        self.requests: list[tuple[str, str, list]] = []  # (HTTP method, path, form fields) of every call
        self._messages: list[dict] = []
        self._media: dict = {}   # path -> (bytes, content_type)
        self._cdn: dict = {}     # one-off token -> path, the target of the media redirect
        self._forced: list = []

    @property
    def base_url(self) -> str:
        """What to pass as make_twilio_client(base_url=...)."""
        return self.url

    @property
    def messages(self) -> list[dict]:
        with self._lock:
            return [dict(m, MediaUrl=list(m["MediaUrl"])) for m in self._messages]

    def messages_to(self, to: str) -> list[dict]:
        return [m for m in self.messages if m["To"] == to]

    def force_error(self, count: int = 1, status: int = 429, code: int = 20429, message: str = "Too Many Requests"):
        """The next `count` REST calls (not media downloads) fail with this Twilio error."""
        with self._lock:
            self._forced.extend([(status, code, message)] * count)

    def add_media(self, path: str, data: bytes, content_type: str = "image/jpeg") -> str:
        """Serve bytes at `path` (a path, or a full https://api.twilio.com/... URL); returns the local URL."""
        path = urlsplit(path).path if "://" in path else path
        with self._lock:
            self._media[path] = (bytes(data), content_type)
        return self.url + path

    def new_media(self, data: bytes, content_type: str = "image/jpeg", message_sid: str | None = None) -> str:
        """Register media under a fresh MM.../Media/ME... path; returns the URL to put in MediaUrl0."""
        msid = message_sid or "MM" + secrets.token_hex(16)
        path = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{msid}/Media/ME{secrets.token_hex(16)}"
        return self.add_media(path, data, content_type)

    def signed_inbound(self, url: str, params: dict) -> tuple[bytes, dict]:
        """(body, headers) of a webhook POST exactly as Twilio signs it; `url` = the URL configured in Twilio."""
        body = urlencode(params, doseq=True).encode()
        return body, {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": "TwilioProxy/1.1",
                      "X-Twilio-Signature": sign(self.auth_token, url, params),
                      "I-Twilio-Idempotency-Token": str(uuid.uuid4()), "X-Home-Region": "us1"}

    def status_callback_params(self, message_sid: str, status: str, error_code: int | str | None = None,
                               extra: dict | None = None) -> dict:
        """StatusCallback form fields shaped like samples/twilio/status_*.json; updates the stored status."""
        with self._lock:
            rec = next((m for m in self._messages if m["sid"] == message_sid), None)
            if rec is not None:
                rec["status"] = rec["resource"]["status"] = status
                if error_code is not None:
                    rec["resource"]["error_code"] = int(error_code)
        to = rec["To"] if rec else "whatsapp:+6281234567890"
        frm = (rec["From"] if rec else None) or "whatsapp:+6281188880000"
        number = to.removeprefix("whatsapp:")
        params = {"ChannelPrefix": "whatsapp", "ApiVersion": API_VERSION, "MessageStatus": status,
                  "SmsSid": message_sid, "SmsStatus": status, "To": to, "From": frm, "MessageSid": message_sid,
                  "AccountSid": self.account_sid, "ChannelToAddress": number[:-5] + "XXXXX"}
        if rec and rec["MessagingServiceSid"]:
            params["MessagingServiceSid"] = rec["MessagingServiceSid"]
        if status in ("read", "delivered"):
            params["EventType"] = status.upper()
        if error_code is not None:
            params.update(ErrorCode=str(error_code), ChannelInstallSid="XE" + secrets.token_hex(16),
                          StructuredMessage="false")
        for key, value in (extra or {}).items():
            if value is None:  # None removes a field
                params.pop(key, None)
            else:
                params[key] = str(value)
        return params

    def send_status_callback(self, url: str, message_sid: str, status: str, error_code: int | str | None = None,
                             extra: dict | None = None, *, signed_url: str | None = None,
                             client=None) -> httpx.Response:
        """POST a signed status callback to `url`. Sign with `signed_url` when the app validates against a
        public URL different from where the test server listens. `client` may be an httpx.Client or a
        Starlette TestClient; by default a plain httpx POST is made."""
        params = self.status_callback_params(message_sid, status, error_code, extra)
        body, headers = self.signed_inbound(signed_url or url, params)
        if client is not None:
            return client.post(url, content=body, headers=headers)
        with httpx.Client(timeout=10, trust_env=False) as http:
            return http.post(url, content=body, headers=headers)

    # ---- HTTP side ---------------------------------------------------------------------------
    def handle(self, req: Request):
        with self._lock:
            self.requests.append((req.method, req.path, list(req.fields)))
        try:
            if (m := re.fullmatch(r"/cdn/(\w+)", req.path)):
                path = self._cdn.get(m.group(1))
                if path is None:
                    raise TwilioError(404, 20404, "Not Found")
                data, ctype = self._media[path]
                return 200, {"Content-Type": ctype}, data
            m = re.fullmatch(rf"/{API_VERSION}/Accounts/([^/]+)/(.+)", req.path)
            if not m:
                raise TwilioError(404, 20404, f"The requested resource {req.path} was not found")
            self._check_auth(req, m.group(1))
            rest = m.group(2)
            if (mm := re.fullmatch(r"Messages/\w+/Media/\w+", rest)) and req.method == "GET":
                return self._media_response(req.path)
            with self._lock:
                if self._forced:
                    raise TwilioError(*self._forced.pop(0))
                if rest == "Messages.json" and req.method == "POST":
                    return _json(201, self._create(req.fields))
                if (mm := re.fullmatch(r"Messages/(\w+)\.json", rest)) and req.method == "GET":
                    rec = next((x for x in self._messages if x["sid"] == mm.group(1)), None)
                    if rec is not None:
                        return _json(200, rec["resource"])
            raise TwilioError(404, 20404, f"The requested resource {req.path} was not found")
        except TwilioError as e:
            body = {"code": e.code, "message": e.message, "more_info": f"https://www.twilio.com/docs/errors/{e.code}",
                    "status": e.status, **e.extra}
            headers = {"WWW-Authenticate": 'Basic realm="Twilio API"'} if e.status == 401 else {}
            return _json(e.status, body, headers)

    def _check_auth(self, req: Request, path_sid: str) -> None:
        scheme, _, value = req.headers.get("authorization", "").partition(" ")
        try:
            user, _, password = base64.b64decode(value).decode().partition(":")
        except ValueError:
            user = password = ""
        if scheme.lower() != "basic" or (user, password) != (self.account_sid, self.auth_token) \
                or path_sid != self.account_sid:
            raise TwilioError(401, 20003, "Authenticate", detail="Your AccountSid or AuthToken was incorrect.")

    def _media_response(self, path: str):
        with self._lock:
            if path not in self._media:
                raise TwilioError(404, 20404, f"The requested resource {path} was not found")
            if self.media_redirect:  # real Twilio: 307 to a short-lived pre-signed URL (no auth needed)
                token = secrets.token_hex(12)
                self._cdn[token] = path
                return 307, {"Location": f"{self.url}/cdn/{token}", "Content-Type": "text/plain"}, b""
            data, ctype = self._media[path]
        return 200, {"Content-Type": ctype}, data

    def _create(self, fields: list) -> dict:
        form: dict = {}
        for key, value in fields:
            form.setdefault(key, []).append(value)
        first = {k: form.get(k, [None])[0] for k in RECORDED}
        to, frm, body, media = first["To"], first["From"], first["Body"], form.get("MediaUrl", [])
        if not to:
            raise TwilioError(400, 21604, "A 'To' phone number is required.")
        if not frm and not first["MessagingServiceSid"]:
            raise TwilioError(400, 21603, "A 'From' phone number is required.")
        if not body and not media and not first["ContentSid"]:
            raise TwilioError(400, 21619, "A text message body or media urls must be specified.")
        wa_to, wa_from = to.startswith("whatsapp:"), frm is None or frm.startswith("whatsapp:")
        if wa_to != wa_from or (self.whatsapp_only and not wa_to):
            suffix = "" if wa_to != wa_from else " (fake: this account only has WhatsApp senders)"
            raise TwilioError(400, 21910,
                              "Invalid From and To pair. From and To should be of the same channel" + suffix)
        if not E164.fullmatch(to.removeprefix("whatsapp:")):
            raise TwilioError(400, 21211, f"Invalid 'To' Phone Number: {to}")
        if frm and not E164.fullmatch(frm.removeprefix("whatsapp:")):
            raise TwilioError(400, 21212, f"Invalid 'From' Phone Number: {frm}")
        if body and len(body) > 1600:
            raise TwilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
        if any(not u.startswith(("http://", "https://")) for u in media):
            raise TwilioError(400, 21620, "Invalid media URL(s)")
        if first["ContentSid"] and not re.fullmatch(r"HX[0-9a-f]{32}", first["ContentSid"]):
            raise TwilioError(400, 21655, "The ContentSid is Invalid.")
        if first["ContentVariables"] is not None:
            try:
                assert isinstance(json.loads(first["ContentVariables"]), dict)
            except (ValueError, AssertionError):
                raise TwilioError(400, 21656, "The ContentVariables Parameter is invalid.") from None
        sid = ("MM" if media else "SM") + secrets.token_hex(16)  # media messages get MM sids
        base = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{sid}"
        now = _now()
        resource = {
            "account_sid": self.account_sid, "api_version": API_VERSION, "body": body or "",
            "date_created": now, "date_sent": None, "date_updated": now, "direction": "outbound-api",
            "error_code": None, "error_message": None, "from": frm,
            "messaging_service_sid": first["MessagingServiceSid"], "num_media": str(len(media)),
            "num_segments": "1", "price": None, "price_unit": "USD", "sid": sid,
            # Through a Messaging Service without From, Twilio answers "accepted" and picks the sender later.
            "status": "queued" if frm else "accepted", "to": to, "uri": base + ".json",
            "subresource_uris": {"media": base + "/Media.json", "feedback": base + "/Feedback.json"},
        }
        self._messages.append({**first, "MediaUrl": media, "sid": sid, "status": resource["status"],
                               "params": form, "resource": resource})
        return resource


@pytest.fixture
def fake_twilio():
    """Started FakeTwilioAPI, stopped after the test. Import it or list this module in pytest_plugins."""
    with FakeTwilioAPI() as fake:
        yield fake
