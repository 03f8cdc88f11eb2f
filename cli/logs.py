"""Logging for `kedai serve`: Kedai's own lines at KEDAI_LOG_LEVEL (default INFO) on stderr, which
systemd's journal keeps; libraries only from WARNING up.

Without this nothing below WARNING was shown (Python's last-resort handler), so an installer never
saw which process leads the scheduled jobs, a backup taken, or a WhatsApp message held outside the
24-hour window. The libraries stay at WARNING because their INFO lines leak: httpx logs every
request's URL, and a Bot API URL holds the bot's token; the twilio SDK logs each request's form,
a customer's number and message included; APScheduler logs every run of every job.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

QUIET = ("httpx", "httpcore", "twilio", "telegram", "apscheduler", "aiohttp", "hpack", "multipart")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class UtcFormatter(logging.Formatter):
    converter = time.gmtime  # times stored and logged in UTC, as the database keeps them

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 (logging's name)
        return time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created)) + f".{int(record.msecs):03d}Z"


def configure(level: str, stream: TextIO | None = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(UtcFormatter(FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
