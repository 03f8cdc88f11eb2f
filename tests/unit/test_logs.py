"""`kedai serve`'s logging: Kedai's INFO lines are shown (which process leads, a backup, a held
WhatsApp message), the libraries' are not, since httpx's carry a bot's token in the URL."""

from __future__ import annotations

import io
import logging

import pytest
from pydantic import ValidationError

from cli import logs
from config import Settings

TOKEN = "7100000001:AAFakeTokenShopA_0123456789abcdefXYZ"


@pytest.fixture
def captured():
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in logs.QUIET})
    yield stream
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def test_kedai_s_info_lines_are_shown_with_a_utc_time_and_the_libraries_are_not(captured):
    logs.configure("INFO", captured)
    logging.getLogger("bot.processes").info("process p1 leads: scheduled jobs and sending")
    logging.getLogger("httpx").info('HTTP Request: POST https://api.telegram.org/bot%s/sendMessage "200 OK"', TOKEN)
    logging.getLogger("twilio.http_client").info("-- BEGIN Twilio API Request -- To=whatsapp:+628123")
    logging.getLogger("apscheduler.executors.default").info('Job "sweep" executed successfully')
    logging.getLogger("httpx").warning("a library's warning still shows")
    out = captured.getvalue()
    assert "INFO bot.processes: process p1 leads" in out
    assert out.split(" ", 1)[0].endswith("Z") and out.startswith("20")
    assert TOKEN not in out and "Twilio API Request" not in out and "executed successfully" not in out
    assert "a library's warning still shows" in out


def test_the_level_is_chosen_and_a_wrong_one_is_refused(captured, monkeypatch):
    monkeypatch.setenv("KEDAI_LOG_LEVEL", "warning")
    logs.configure(Settings().log_level.upper(), captured)
    logging.getLogger("scheduler.jobs_backup").info("backup taken")
    logging.getLogger("scheduler.jobs_backup").warning("backup failed: the folder is full")
    assert "backup taken" not in captured.getvalue() and "backup failed" in captured.getvalue()
    logs.configure("DEBUG", captured)
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
    assert TOKEN not in captured.getvalue()  # the libraries stay at WARNING even when debugging Kedai
    monkeypatch.setenv("KEDAI_LOG_LEVEL", "loud")
    with pytest.raises(ValidationError, match="KEDAI_LOG_LEVEL"):
        Settings()


def test_a_customer_s_number_in_a_log_line_is_masked():
    from bot.phones import masked

    assert masked("whatsapp:+6281234567890") == "whatsapp:+628123****890"
    assert "4567" not in masked("whatsapp:+6281234567890") and masked("+62") == "****"
