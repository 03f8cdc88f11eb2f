"""Our words must hold on WhatsApp, where a plain message has no buttons: a choice there is a
numbered line or a label to type (bot.channels.whatsapp_render), so no text may tell a person to
press a button ("tekan", "tombol"). "Pilih *Tanya penjual*" reads right on every channel."""

from __future__ import annotations

import importlib
import pkgutil
import re

import texts.id

PRESS = re.compile(r"\b(tekan|klik|ketuk|tombol)\b", re.IGNORECASE)
# Where a button is really there on every channel that shows the text:
ALLOWED = {
    "customer.STALE_BUTTON",  # answers a pressed button gone stale: only a channel with buttons presses one
    "customer.ASK_CONTACT",  # Telegram's share-contact button: WhatsApp already gives us the number
}
PHONE_BUTTON = "tombol lampiran"  # the phone's own attach (📎) button, on WhatsApp as well


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple, frozenset, set)):
        return [s for v in value for s in strings(v)]
    return []


def test_no_text_tells_a_whatsapp_user_to_press_a_button():
    found = []
    for info in pkgutil.iter_modules(texts.id.__path__):
        module = importlib.import_module(f"texts.id.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or f"{info.name}.{name}" in ALLOWED:
                continue
            found += [f"{info.name}.{name}: {s!r}" for s in strings(value)
                      if PRESS.search(s.replace(PHONE_BUTTON, ""))]
    assert not found, "\n".join(found)
