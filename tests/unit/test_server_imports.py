"""What a `kedai serve` process keeps out of memory: the modules imported only for tools it never
runs (docs/PERFORMANCE.md, memory)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_line_leaves_httpx_s_own_command_line_client_out():
    code = ("import sys, main, httpx, telegram, bot.channels.twilio_webhook; "
            "print(sorted(m for m in ('httpx._main', 'pygments', 'rich.console') if sys.modules.get(m)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert callable(__import__("httpx").main)  # httpx itself still works, its CLI stubbed
