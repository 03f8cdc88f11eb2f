"""What a `kedai serve` process keeps out of memory: the modules imported only for tools it never
runs (docs/PERFORMANCE.md, memory)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.server import migrated

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_line_leaves_httpx_s_own_command_line_client_out():
    code = ("import sys, main, httpx, telegram, bot.channels.twilio_webhook; "
            "print(sorted(m for m in ('httpx._main', 'pygments', 'rich.console') if sys.modules.get(m)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert callable(__import__("httpx").main)  # httpx itself still works, its CLI stubbed


BUILD = """
import sys
from config import Settings
from bot.serve import build_app
telegram = dict(TELEGRAM_BOT_TOKEN="7012345678:AAx", TELEGRAM_MODE="polling")
build_app(Settings(KEDAI_DATABASE_URL=sys.argv[1], **telegram), scheduler=False)
print(sorted(m for m in ("twilio", "requests") if m in sys.modules))
build_app(Settings(KEDAI_DATABASE_URL=sys.argv[1], TWILIO_ACCOUNT_SID="AC" + "0" * 32, TWILIO_AUTH_TOKEN="t",
                   **telegram), scheduler=False)
print(sorted(m for m in ("twilio", "requests") if m in sys.modules))
"""


def test_a_telegram_only_server_leaves_the_twilio_sdk_out(tmp_path):
    url = f"sqlite:///{tmp_path}/kedai.db"
    env = {**os.environ, "KEDAI_DATABASE_URL": url, "KEDAI_DATA_DIR": str(tmp_path)}
    migrated(tmp_path / "kedai.db", env)
    out = subprocess.run([sys.executable, "-c", BUILD, url], cwd=ROOT, capture_output=True, text=True, check=True,
                         env=env)
    # the same process with Twilio's credentials then imports it: the check can tell
    assert out.stdout.strip().splitlines()[-2:] == ["[]", "['requests', 'twilio']"], out.stderr[-2000:]
