"""The month's report as documents: the PDF read back as text and as page pictures, the CSV and
the XLSX read back as data, and `kedai report monthly` with good and bad arguments.

KEDAI_WRITE_DOCS=1 also writes the PDF's first page to docs/report-sample-page1.png."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from books import figures
from books.periods import month
from books.render_pdf import render_pdf
from books.render_sheet import render_csv, render_xlsx
from catalog.money import rupiah
from main import app
from storage.migrate import upgrade
from tests.integration.books_support import TZ, play_november, wib

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def played(tmp_path_factory):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path_factory.mktemp('report')}/kedai.db"
    upgrade(url)
    m = play_november(url)
    with m.sessions() as s:
        report = figures.compute(s, 1, "Dapur Bu Sri", month(2026, 11, TZ), wib(12, 3, 9, 30))
    m.sessions.kw["bind"].dispose()
    return url, report


@pytest.fixture(scope="module")
def pdf(played) -> bytes:  # type: ignore[no-untyped-def]
    return render_pdf(played[1])


def page_texts(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_has_every_section_and_the_figures(played, pdf) -> None:  # type: ignore[no-untyped-def]
    report = played[1]
    pages = page_texts(pdf)
    text = " ".join(pages)
    assert pdf.startswith(b"%PDF-")
    assert pages[0].startswith("Dapur Bu Sri Laporan Keuangan Bulanan Periode: November 2026")
    assert "Dibuat: 3 Desember 2026 09.30 WIB" in pages[0]
    for heading in ("1. Laba Rugi", "2. Arus Kas", "3. Posisi Keuangan per 30 November 2026",
                    "4. Penjualan per Saluran", "5. Produk Terlaris", "6. Pesanan per Status"):
        assert heading in text, heading
    pl, cash, pos = report.profit_loss, report.cash, report.position
    for label, amount in (("Penjualan bersih (omzet)", rupiah(pl.net_sales)), ("Laba (rugi) bersih", rupiah(pl.net_profit)),
                          ("Dikurangi: diskon", f"({rupiah(pl.discount)})"), ("Gaji & upah", "(Rp1.500.000)"),
                          ("Harga pokok penjualan (bahan baku)", f"({rupiah(pl.cogs)})"),
                          ("Kas & bank awal periode", rupiah(cash.opening)),
                          ("Kas & bank akhir periode", rupiah(cash.closing)),
                          ("Piutang usaha (2 pesanan belum dibayar)", rupiah(pos.receivables)),
                          ("Jumlah modal pemilik", rupiah(pos.owner_equity))):
        assert f"{label} {amount}" in text, label
    assert f"WhatsApp {report.channels[0].orders} {rupiah(report.channels[0].net_sales)}" in text
    assert f"1 {report.top_products[0].name} {report.top_products[0].sku}" in text
    assert "Pemilik usaha" in pages[-1]
    for i, page in enumerate(pages, 1):
        assert page.endswith(f"Dapur Bu Sri - Laporan Keuangan Bulanan November 2026 Halaman {i} dari {len(pages)}")


def test_the_pdf_pages_render_as_a4_pictures_with_ink_on_them(pdf) -> None:  # type: ignore[no-untyped-def]
    doc = pdfium.PdfDocument(pdf)
    try:
        assert 2 <= len(doc) <= 4
        for i in range(len(doc)):
            width, height = doc[i].get_size()
            assert (round(width), round(height)) == (595, 842)  # A4 in points
            picture = doc[i].render(scale=1.5).to_pil().convert("L")
            dark = sum(picture.histogram()[:128])
            assert dark > 2_000, f"page {i + 1} looks blank"
            if i == 0:
                first = picture
        if os.environ.get("KEDAI_WRITE_DOCS"):
            doc[0].render(scale=1.4).to_pil().save(DOCS / "report-sample-page1.png", optimize=True)
    finally:
        doc.close()
    # The first page carries the chart under the profit and loss: its lower half is not empty.
    lower = first.crop((0, first.height // 2, first.width, first.height * 7 // 8))
    assert sum(lower.histogram()[:200]) > 5_000


def test_a_shop_name_with_emoji_and_long_names_still_render(played) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    report = replace(played[1], shop_name="Dapur Bu Sri 🍜 — Malang")
    text = " ".join(page_texts(render_pdf(report)))
    assert "Dapur Bu Sri - Malang" in text


def test_the_csv_holds_the_same_figures(played) -> None:  # type: ignore[no-untyped-def]
    report = played[1]
    data = render_csv(report)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Bagian", "Pos", "Jumlah (Rp)"]
    found = {(section, item): value for section, item, value in rows[1:]}
    assert found[("1. Laba Rugi", "Penjualan bersih (omzet)")] == str(report.profit_loss.net_sales)
    assert found[("1. Laba Rugi", "Laba (rugi) bersih")] == str(report.profit_loss.net_profit)
    assert found[("1. Laba Rugi", "Dikurangi: diskon")] == str(-report.profit_loss.discount)
    assert found[("2. Arus Kas", "Kas & bank akhir periode")] == str(report.cash.closing)
    assert found[("Laporan", "Laporan Keuangan")] == "Dapur Bu Sri"
    channel_sales = [int(v) for (s, i), v in found.items() if s.startswith("4.") and i.endswith("penjualan bersih")]
    assert sum(channel_sales) == report.profit_loss.net_sales


def test_the_xlsx_holds_the_same_figures_as_numbers(played) -> None:  # type: ignore[no-untyped-def]
    report = played[1]
    wb = load_workbook(io.BytesIO(render_xlsx(report)))
    assert wb.sheetnames == ["Laporan", "Saluran", "Produk terlaris", "Status pesanan", "Penjualan harian"]
    rows = {(r[0], r[1]): r[2] for r in wb["Laporan"].iter_rows(min_row=2, values_only=True)}
    assert rows[("1. Laba Rugi", "Penjualan bersih (omzet)")] == report.profit_loss.net_sales
    assert rows[("3. Posisi Keuangan per 2026-11-30", "Kas & bank")] == report.position.cash
    daily = list(wb["Penjualan harian"].iter_rows(min_row=2, values_only=True))
    assert len(daily) == 30 and sum(v for _, v in daily) == report.profit_loss.net_sales
    top = list(wb["Produk terlaris"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[3], r[4]) for r in top] == [(p.sku, p.qty, p.amount) for p in report.top_products]


@pytest.fixture
def kedai(played):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, ["report", "monthly", *args], env={"KEDAI_DATABASE_URL": played[0]})
        assert result.exit_code == code, result.output
        assert "Traceback" not in result.output
        return result.output

    return run


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_the_cli_writes_the_month_in_each_format(kedai, tmp_path, fmt) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"laporan.{fmt}"
    said = kedai("--month", "2026-11", "--format", fmt, "--out", str(out), "--shop", "dapur-bu-sri")
    data = out.read_bytes()
    assert said.startswith(str(out)) and f"({len(data)} bytes)" in said
    assert data[:4] == {"pdf": b"%PDF", "csv": b"\xef\xbb\xbfB", "xlsx": b"PK\x03\x04"}[fmt]


def test_the_cli_reads_the_months_own_figures(kedai, played, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "nov.csv"
    kedai("--month", "2026-11", "--format", "csv", "--out", str(out))
    rows = {(r[0], r[1]): r[2] for r in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    assert rows[("1. Laba Rugi", "Penjualan bersih (omzet)")] == str(played[1].profit_loss.net_sales)
    kedai("--month", "2026-10", "--format", "csv", "--out", str(out))
    rows = {(r[0], r[1]): r[2] for r in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    assert rows[("1. Laba Rugi", "Penjualan bersih (omzet)")] != str(played[1].profit_loss.net_sales)


@pytest.mark.parametrize(("args", "says"), [
    (("--month", "2026-13", "--format", "pdf"), "--month '2026-13': use YYYY-MM"),
    (("--month", "November", "--format", "pdf"), "use YYYY-MM"),
    (("--month", "2026-11", "--format", "docx"), "--format 'docx': use one of pdf, csv, xlsx"),
    (("--month", "2026-11", "--format", "pdf", "--shop", "nope"), "no shop 'nope'"),
])
def test_bad_arguments_are_refused_with_exit_code_1(kedai, tmp_path, args, says) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.pdf"
    assert says in kedai(*args, "--out", str(out), code=1)
    assert not out.exists()


def test_a_missing_folder_is_refused(kedai, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "does not exist" in kedai("--month", "2026-11", "--out", str(tmp_path / "no" / "x.pdf"), code=1)


def test_a_month_without_any_trade_renders_with_zeros(played) -> None:  # type: ignore[no-untyped-def]
    from storage.db import make_engine, session_factory

    engine = make_engine(played[0])
    with session_factory(engine)() as s:
        empty = figures.compute(s, 1, "Dapur Bu Sri", month(2026, 1, TZ), wib(12, 3))
    engine.dispose()
    assert empty.profit_loss.net_sales == 0 and empty.cash.closing == 0 and empty.statuses == []
    assert all(amount == 0 for _, amount in empty.daily_sales) and len(empty.daily_sales) == 31
    text = " ".join(page_texts(render_pdf(empty)))
    assert "Periode: Januari 2026" in text and "Belum ada penjualan pada periode ini." in text
    assert "Tidak ada pesanan pada periode ini." in text and "Kas & bank akhir periode Rp0" in text
    assert render_csv(empty) and render_xlsx(empty)
