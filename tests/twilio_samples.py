"""The recorded Twilio webhook samples in ../shared/samples/twilio (bodies and the signatures
Twilio computed for them), read as the tests need them."""

from __future__ import annotations

import json
from pathlib import Path
from tests import samples

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = samples.TWILIO


def sample(name: str) -> dict[str, str]:
    return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def signed_sample(name: str) -> tuple[str, bytes, str]:
    """(url Twilio signed, raw body, X-Twilio-Signature) exactly as recorded."""
    entry = json.loads((SAMPLES / "signatures.json").read_text(encoding="utf-8"))["requests"][f"twilio/{name}.json"]
    return entry["url"], entry["body"].encode(), entry["X-Twilio-Signature"]
