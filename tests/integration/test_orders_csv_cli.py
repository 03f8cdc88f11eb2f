"""`kedai orders list --from DATE --to DATE --format csv` (in-process, real SQLite file): the days
are the shop's (WIB), both included; the CSV is one row per order, Excel-ready; bad input is an
`error:` line and exit 1."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from typer.testing import CliRunner

from main import app
from tests.integration.orders_support import add_customer, place
from tests.support import seeded_engine

UTC = timezone.utc


def test_orders_of_a_date_range_as_csv_at_the_edges_of_the_shops_days(sqlite_url, tmp_path):
    _, sessions = seeded_engine(sqlite_url)
    siti = add_customer(sessions, "siti")
    moments = [datetime(2026, 10, 31, 16, 59, tzinfo=UTC),  # 31 Oct 23.59 WIB: before
               datetime(2026, 10, 31, 17, 0, tzinfo=UTC),  # 1 Nov 00.00 WIB: in
               datetime(2026, 11, 30, 16, 59, tzinfo=UTC),  # 30 Nov 23.59 WIB: in
               datetime(2026, 11, 30, 17, 0, tzinfo=UTC)]  # 1 Dec 00.00 WIB: after
    codes = [place(sessions, siti, now=at, lines=(("KRP-TMP", n + 1),)) for n, at in enumerate(moments)]
    runner, env = CliRunner(), {"KEDAI_DATABASE_URL": sqlite_url}
    result = runner.invoke(app, ["orders", "list", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv",
                                 "--out", str(tmp_path / "orders.csv")], env=env)
    assert result.exit_code == 0, result.output
    data = (tmp_path / "orders.csv").read_bytes()
    assert data.startswith("\ufeff".encode()) and "2 orders" in result.output
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == [codes[2], codes[1]]  # newest first
    assert [r["created_at"] for r in rows] == ["2026-11-30 23:59", "2026-11-01 00:00"]
    assert rows[1]["items"] == "2x Keripik Tempe 150g" and int(rows[1]["total"]) == (
        int(rows[1]["subtotal"]) - int(rows[1]["discount"]) + int(rows[1]["delivery_fee"]) + int(rows[1]["unique_code"]))
    for args in (["--from", "1 Nov"], ["--from", "2026-11-30", "--to", "2026-11-01"], ["--format", "pdf"]):
        bad = runner.invoke(app, ["orders", "list", *args], env=env)
        assert bad.exit_code == 1 and "error:" in bad.output, args
