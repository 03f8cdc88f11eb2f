"""Where the shared sample payloads are: `../shared/samples` beside the clone (as in CI),
else the workplace's copy."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = next((p for p in (ROOT.parent / "shared" / "samples", Path("/work/shared/samples")) if p.is_dir()),
               ROOT.parent / "shared" / "samples")
TELEGRAM = SAMPLES / "telegram"
TWILIO = SAMPLES / "twilio"
