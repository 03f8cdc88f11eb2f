"""The twilio SDK's synchronous client pointed at a base URL: what the fake Twilio's own tests
drive it with. Kedai itself sends through the async client (bot/channels/twilio_http.py)."""
from __future__ import annotations

from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from bot.channels.twilio_http import rewrite_twilio_url


class BaseUrlTwilioHttpClient(TwilioHttpClient):
    """TwilioHttpClient that sends every Twilio API request to ``base_url`` instead (if set)."""

    def __init__(self, base_url: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/") if base_url else None
        if self.base_url and self.session is not None:
            # The override targets a local server: an HTTP(S)_PROXY from the environment must not catch it.
            self.session.trust_env = False

    def request(self, method: str, url: str, params=None, data=None, headers=None, auth=None,
                timeout=None, allow_redirects: bool = False) -> Response:
        return super().request(method, rewrite_twilio_url(url, self.base_url), params=params, data=data,
                               headers=headers, auth=auth, timeout=timeout, allow_redirects=allow_redirects)


def make_twilio_client(account_sid: str, auth_token: str, base_url: str | None = None, *,
                       timeout: float | None = 10.0) -> Client:
    """A twilio.rest.Client; base_url=None means the real Twilio API.

    ``timeout`` defaults to 10 s because the SDK's own default is to wait forever on a stuck socket.
    """
    return Client(account_sid, auth_token, http_client=BaseUrlTwilioHttpClient(base_url, timeout=timeout))
