"""The WhatsApp channel assembled from settings: on when TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN
and TWILIO_WHATSAPP_NUMBER are set. Its sender goes into bootstrap.build's senders; its
routers into the app once the Kedai exists (bind)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter

from bot.bootstrap import Kedai
from bot.channels import twilio_webhook
from bot.channels.twilio_http import make_twilio_client
from bot.channels.twilio_inbound import CHANNEL, TwilioMedia
from bot.channels.twilio_out import WhatsAppSender
from bot.channels.whatsapp_window import WindowBook
from config import Settings


@dataclass
class WhatsApp:
    sender: WhatsAppSender
    media: TwilioMedia
    window: WindowBook
    gate: twilio_webhook.Gate

    channel = CHANNEL

    @classmethod
    def from_settings(cls, settings: Settings) -> WhatsApp | None:
        sid, token, number = settings.twilio_account_sid, settings.twilio_auth_token, settings.twilio_whatsapp_number
        if not (sid and token and number):
            return None
        window = WindowBook()
        client = make_twilio_client(sid, token, settings.twilio_api_base_url)
        sender = WhatsAppSender(client, number, settings.public_url, window, mps=settings.twilio_mps)
        media = TwilioMedia(sid, token, settings.data_dir, settings.twilio_api_base_url)
        return cls(sender, media, window, twilio_webhook.Gate(token, settings.public_url))

    def bind(self, kedai: Kedai) -> None:
        self.window.bind(kedai.sessions, kedai.db)

    def router(self) -> APIRouter:
        return twilio_webhook.router(self.gate, self.media, self.window)

    async def close(self, _: Kedai) -> None:
        await self.media.aclose()
