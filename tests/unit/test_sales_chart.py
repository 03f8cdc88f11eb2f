"""The sales chart: a real PNG with the best day marked and named, drawable from several threads
at once, and matplotlib never imported until a chart is asked for."""

from __future__ import annotations

import io
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from PIL import Image

from books.chart import caption, render_sales_chart, short_rupiah

WEEK = [(date(2026, 11, 16) + timedelta(days=i), amount)
        for i, amount in enumerate((120_000, 0, 450_000, 80_000, 450_000, 1_250_000, 300_000))]


def pixels(png: bytes) -> bytes:
    return Image.open(io.BytesIO(png)).convert("RGB").tobytes()


def test_the_chart_is_a_png_and_the_caption_names_the_best_day() -> None:
    chart = render_sales_chart(WEEK, "minggu ini", "Dapur Bu Sri")
    picture = Image.open(io.BytesIO(chart.png))
    assert picture.format == "PNG" and picture.size == (960, 504)
    assert chart.best_day == date(2026, 11, 21) and chart.total == 2_650_000
    assert chart.caption == ("📈 Penjualan minggu ini: Rp2.650.000 dalam 7 hari. "
                             "Hari terbaik Sabtu, 21 November (Rp1.250.000).")
    # the best day's bar is drawn in the dark accent colour, the others in the light one
    colours = Image.open(io.BytesIO(chart.png)).convert("RGB").getcolors(maxcolors=1 << 16) or []
    assert any(rgb == (0x1F, 0x40, 0x68) for _, rgb in colours) and any(rgb == (0x9D, 0xB4, 0xD3) for _, rgb in colours)


def test_a_tie_names_the_earlier_day_and_an_empty_period_says_so() -> None:
    assert caption(WEEK[:5], "x")[1] == date(2026, 11, 18)
    text, best = caption([(d, 0) for d, _ in WEEK], "minggu ini")
    assert best is None and text == "📈 Belum ada penjualan yang dibayar pada minggu ini."
    assert render_sales_chart([(d, 0) for d, _ in WEEK], "minggu ini").best_day is None


def test_charts_drawn_in_threads_at_once_are_the_same_as_one_at_a_time() -> None:
    months = [[(date(2026, 11, 1) + timedelta(days=i), (i * k * 7919) % 500_000) for i in range(30)] for k in range(1, 5)]
    alone = [pixels(render_sales_chart(m, "November 2026").png) for m in months]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda m: pixels(render_sales_chart(m, "November 2026").png), months))
    assert together == alone


def test_short_axis_labels() -> None:
    assert [short_rupiah(v) for v in (0, 950, 150_000, 1_000_000, 1_250_000, 2_500_000)] == \
        ["Rp0", "Rp950", "Rp150rb", "Rp1jt", "Rp1,25jt", "Rp2,5jt"]


def test_the_server_side_modules_do_not_import_the_heavy_libraries() -> None:
    code = ("import sys, main, books.chart, books.figures, books.render_sheet, orders.lifecycle, orders.qris_image; "
            "heavy = {'matplotlib', 'openpyxl', 'segno', 'zxingcpp', 'PIL', 'fpdf'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
