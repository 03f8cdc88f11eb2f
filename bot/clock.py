"""The clock a served process runs on: UTC now, or, for tests only, now moved forward by the
number of seconds written in the file that KEDAI_TEST_CLOCK_FILE names. An end-to-end test jumps
a real server past a payment window by writing that file, instead of sleeping through it."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path

from storage.models import utcnow

ENV = "KEDAI_TEST_CLOCK_FILE"

Clock = Callable[[], datetime]


class FileClock:
    def __init__(self, path: Path):
        self.path = path

    def __call__(self) -> datetime:
        try:
            offset = float(self.path.read_text(encoding="utf-8").strip() or 0)
        except (OSError, ValueError):  # not written yet, or half-written: no offset
            offset = 0.0
        return utcnow() + timedelta(seconds=offset)


def from_environment(environ: Mapping[str, str] = os.environ) -> Clock:
    path = environ.get(ENV)
    return FileClock(Path(path)) if path else utcnow
