"""The report as a PDF a seller can forward to a bank officer (fpdf2, A4, Indonesian).

Plain and tidy on purpose: the shop's name, the period and the date it was made on top,
six numbered sections with right-aligned Rupiah columns, subtotals ruled, and page numbers
in the footer. fpdf2's built-in Helvetica keeps the file small (no font embedded); it covers
Latin-1, so other characters (emoji in a shop name) are dropped by `latin`.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from books.accounts import OPERATING_EXPENSES
from books.figures import Report
from catalog.money import LOCALE, local_time, rupiah
from texts.id import books as t

INK, MUTED, ACCENT = (33, 37, 41), (108, 117, 125), (31, 64, 104)
RULE, FILL, BAND = (173, 181, 189), (241, 244, 248), (226, 232, 240)
ROW = 6.0
AMOUNT_W = 42.0
_REPLACE = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
            "\u2022": "-", "\u2026": "...", "\u00a0": " "}


def latin(text: str) -> str:
    text = "".join(_REPLACE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
    return " ".join("".join(ch for ch in text if ord(ch) < 256).split())


def period_text(report: Report) -> str:
    p = report.period
    if p.is_month():
        return format_date(p.first_day, "MMMM yyyy", locale=LOCALE)
    if p.first_day == p.last_day:
        return format_date(p.first_day, "d MMMM yyyy", locale=LOCALE)
    return (f"{format_date(p.first_day, 'd MMMM yyyy', locale=LOCALE)} - "
            f"{format_date(p.last_day, 'd MMMM yyyy', locale=LOCALE)}")


def money(amount: int, subtract: bool = False) -> str:
    """Rupiah; a figure that is taken away is shown in brackets, the accountant's way."""
    if subtract and amount:
        return f"({rupiah(amount)})"
    return rupiah(amount)


@dataclass(frozen=True)
class Line:
    label: str
    amount: str = ""
    style: str = "item"  # head | bold | item | sub | total | note


class ReportPDF(FPDF):
    def __init__(self, report: Report):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        self.title_text = t.TITLE_MONTH if report.period.is_month() else t.TITLE
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(latin(f"{self.title_text} {report.shop_name} {period_text(report)}"))
        self.set_author(latin(report.shop_name))
        self.set_creator("Kedai")

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def footer(self) -> None:
        self.set_y(-12)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y() - 1.5, self.w - self.r_margin, self.get_y() - 1.5)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(*MUTED)
        left = t.FOOTER.format(shop=self.report.shop_name, title=self.title_text, period=period_text(self.report))
        self.cell(self.width / 2, 5, latin(left))
        self.cell(self.width / 2, 5, t.PAGE.format(page=self.page_no(), pages="{nb}"), align="R")

    def text_line(self, text: str, size: float, style: str = "", color: tuple[int, int, int] = INK,
                  height: float = 6.0) -> None:
        self.set_font("Helvetica", style, size)
        self.set_text_color(*color)
        self.cell(self.width, height, latin(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def masthead(self) -> None:
        r = self.report
        self.text_line(r.shop_name, 17, "B", ACCENT, 8)
        self.text_line(self.title_text, 12, "B", INK, 7)
        self.set_font("Helvetica", "", 9)
        self.set_text_color(*MUTED)
        made = local_time(r.made_at, r.period.tz, "d MMMM yyyy HH.mm zzz")
        self.cell(self.width / 2, 5.5, latin(f"{t.PERIOD}: {period_text(r)}"))
        self.cell(self.width / 2, 5.5, latin(f"{t.MADE_AT}: {made}"), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_line_width(0.2)
        self.ln(2.5)
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(*MUTED)
        self.multi_cell(self.width, 4, latin(t.BASIS), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def summary(self) -> None:
        r = self.report
        boxes = ((t.SUMMARY_NET_SALES, r.profit_loss.net_sales), (t.SUMMARY_PROFIT, r.profit_loss.net_profit),
                 (t.SUMMARY_CASH, r.cash.closing), (t.SUMMARY_RECEIVABLES, r.position.receivables))
        gap = 3.0
        w = (self.width - gap * (len(boxes) - 1)) / len(boxes)
        top = self.get_y()
        for i, (label, amount) in enumerate(boxes):
            x = self.l_margin + i * (w + gap)
            self.set_fill_color(*FILL)
            self.set_draw_color(*BAND)
            self.rect(x, top, w, 17, style="DF")
            self.set_xy(x + 3, top + 2.5)
            self.set_font("Helvetica", "", 7.5)
            self.set_text_color(*MUTED)
            self.cell(w - 6, 4, latin(label))
            self.set_xy(x + 3, top + 8)
            self.set_font("Helvetica", "B", 11.5)
            self.set_text_color(*(INK if amount >= 0 else (176, 42, 55)))
            self.cell(w - 6, 6, money(amount))
        self.set_xy(self.l_margin, top + 17 + 6)

    def heading(self, text: str, rows: int) -> None:
        """A section title, on a new page when the section would not fit below."""
        if self.get_y() + 11 + rows * ROW > self.page_break_trigger:
            self.add_page()
        self.set_font("Helvetica", "B", 11)
        self.set_text_color(*ACCENT)
        self.cell(self.width, 7, latin(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*BAND)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)

    def statement(self, title: str, lines: Sequence[Line]) -> None:
        self.heading(title, len(lines))
        label_w = self.width - AMOUNT_W
        for ln in lines:
            if ln.style == "note":
                self.set_font("Helvetica", "I", 7.5)
                self.set_text_color(*MUTED)
                self.multi_cell(self.width, 4, latin(ln.label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                continue
            bold = ln.style in ("head", "bold", "sub", "total")
            indent = 5.0 if ln.style == "item" else 0.0
            self.set_font("Helvetica", "B" if bold else "", 9.5)
            self.set_text_color(*INK)
            fill = ln.style == "total"
            if fill:
                self.set_fill_color(*FILL)
            y = self.get_y()
            if ln.style in ("sub", "total"):
                self.set_draw_color(*RULE)
                self.line(self.w - self.r_margin - AMOUNT_W + 6, y, self.w - self.r_margin, y)
            if indent:
                self.cell(indent, ROW, "", fill=fill)
            self.cell(label_w - indent, ROW, latin(ln.label), fill=fill)
            self.cell(AMOUNT_W, ROW, ln.amount, align="R", fill=fill, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    def table(self, title: str, head: Sequence[str], widths: Sequence[float], aligns: str,
              rows: Sequence[Sequence[str]], total: Sequence[str] | None = None, note: str | None = None) -> None:
        self.heading(title, len(rows) + 2)
        scale = self.width / sum(widths)
        widths = [w * scale for w in widths]
        self.set_font("Helvetica", "B", 8.5)
        self.set_text_color(*INK)
        self.set_fill_color(*BAND)
        for text, w, a in zip(head, widths, aligns):
            self.cell(w, ROW, latin(text), align=a, fill=True)
        self.ln(ROW)
        self.set_font("Helvetica", "", 9)
        for i, row in enumerate(rows):
            self.set_fill_color(*FILL)
            for text, w, a in zip(row, widths, aligns):
                self.cell(w, ROW, latin(self.fit(text, w)), align=a, fill=i % 2 == 1)
            self.ln(ROW)
        if total:
            self.set_font("Helvetica", "B", 9)
            self.set_draw_color(*RULE)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            for text, w, a in zip(total, widths, aligns):
                self.cell(w, ROW, latin(text), align=a)
            self.ln(ROW)
        if note:
            self.set_font("Helvetica", "I", 7.5)
            self.set_text_color(*MUTED)
            self.multi_cell(self.width, 4, latin(note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    def chart(self) -> None:
        """Net sales per day under the profit and loss, when it fits on the page."""
        days = self.report.daily_sales
        height = 58.0
        if len(days) < 2 or not any(a for _, a in days) or self.get_y() + 9 + height > self.page_break_trigger:
            return
        from books.chart import render_sales_chart

        self.set_font("Helvetica", "B", 9.5)
        self.set_text_color(*INK)
        self.cell(self.width, 6, latin(t.PDF_CHART.format(total=rupiah(sum(a for _, a in days)))),
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        png = render_sales_chart(days, period_text(self.report), size=(self.width / 25.4, height / 25.4),
                                 titled=False, dpi=200).png
        self.image(io.BytesIO(png), x=self.l_margin, w=self.width, h=height)
        self.ln(3)

    def signature(self) -> None:
        """Where the owner signs: banks ask for the statement to be signed by the owner."""
        if self.get_y() + 38 > self.page_break_trigger:
            self.add_page()
        made = format_date(self.report.made_at.astimezone(self.report.period.tz).date(), "d MMMM yyyy", locale=LOCALE)
        x = self.w - self.r_margin - 62
        self.ln(4)
        self.set_font("Helvetica", "", 9)
        self.set_text_color(*INK)
        for text, gap in ((t.SIGN_PLACE_DATE.format(day=made), 5), (t.SIGN_ROLE, 22), (t.SIGN_NAME, 5)):
            self.set_x(x)
            self.cell(62, 5, latin(text), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(gap - 5)

    def fit(self, text: str, width: float) -> str:
        """Shortens a long product name to its column with an ellipsis of dots."""
        text = latin(text)
        if self.get_string_width(text) <= width - 2:
            return text
        while text and self.get_string_width(text + "...") > width - 2:
            text = text[:-1]
        return text.rstrip() + "..."


def profit_loss_lines(r: Report) -> list[Line]:
    pl = r.profit_loss
    lines = [Line(t.PL_REVENUE, style="head"), Line(t.PL_GOODS, money(pl.goods)),
             Line(t.PL_DISCOUNT, money(pl.discount, True)), Line(t.PL_REFUNDS, money(pl.refunds, True)),
             Line(t.PL_NET_SALES, money(pl.net_sales), "sub"), Line(t.PL_DELIVERY, money(pl.delivery)),
             Line(t.PL_UNIQUE, money(pl.unique_code)), Line(t.PL_OTHER_INCOME, money(pl.other_income)),
             Line(t.PL_TOTAL_REVENUE, money(pl.revenue), "sub"),
             Line(t.PL_COGS, money(pl.cogs, True), "head"), Line(t.PL_GROSS, money(pl.gross_profit), "sub"),
             Line(t.PL_EXPENSES, style="head")]
    lines += [Line(t.CATEGORY[c], money(pl.expenses[c], True)) for c in OPERATING_EXPENSES]
    return lines + [Line(t.PL_TOTAL_EXPENSES, money(pl.total_expenses, True), "sub"),
                    Line(t.PL_NET, money(pl.net_profit), "total")]


def cash_lines(r: Report) -> list[Line]:
    c = r.cash
    lines = [Line(t.CASH_OPENING, money(c.opening), "bold"), Line(t.CASH_IN, style="head"),
             Line(t.CASH_FROM_SALES, money(c.from_sales)), Line(t.CASH_OTHER_INCOME, money(c.other_income)),
             Line(t.CASH_CAPITAL, money(c.capital_in)), Line(t.CASH_TOTAL_IN, money(c.total_in), "sub"),
             Line(t.CASH_OUT, style="head"), Line(t.CASH_REFUNDS, money(c.refunds, True)),
             Line(t.CASH_RAW, money(c.raw_materials, True))]
    lines += [Line(t.CATEGORY[cat], money(c.expenses[cat], True)) for cat in OPERATING_EXPENSES]
    return lines + [Line(t.CASH_DRAWINGS, money(c.drawings, True)),
                    Line(t.CASH_TOTAL_OUT, money(c.total_out, True), "sub"),
                    Line(t.CASH_CLOSING, money(c.closing), "total")]


def position_lines(r: Report) -> list[Line]:
    p = r.position
    stock = t.POS_STOCK_UNKNOWN if p.stock_at_cost is None else money(p.stock_at_cost)
    note = t.POS_STOCK_NOTE.format(unknown=p.products_without_cost) if p.products_without_cost else t.POS_STOCK_NOTE_ALL
    return [Line(t.POS_ASSETS, style="head"), Line(t.POS_CASH, money(p.cash)),
            Line(t.POS_RECEIVABLES.format(orders=p.receivable_orders), money(p.receivables)),
            Line(t.POS_STOCK, stock),
            Line(t.POS_TOTAL_ASSETS, money(p.cash + p.receivables + (p.stock_at_cost or 0)), "sub"),
            Line(t.POS_EQUITY, style="head"), Line(t.POS_CAPITAL, money(p.capital)),
            Line(t.POS_DRAWINGS, money(p.drawings, True)), Line(t.POS_RETAINED, money(p.retained_profit)),
            Line(t.POS_TOTAL_EQUITY, money(p.owner_equity), "total"),
            Line(f"{note} {t.POS_NOTE}", style="note")]


def render_pdf(report: Report) -> bytes:
    pdf = ReportPDF(report)
    pdf.add_page()
    pdf.masthead()
    pdf.summary()
    pdf.statement(t.PL, profit_loss_lines(report))
    pdf.chart()
    pdf.statement(t.CASH, cash_lines(report))
    last_day = format_date(report.period.last_day, "d MMMM yyyy", locale=LOCALE)
    pdf.statement(t.POSITION.format(day=last_day), position_lines(report))
    net = report.profit_loss.net_sales
    pdf.table(t.CHANNELS, t.CH_HEAD, (70, 35, 45, 24), "LRRR",
              [(t.CHANNEL[c.channel], str(c.orders), money(c.net_sales),
                f"{round(100 * c.net_sales / net)}%" if net > 0 else "-") for c in report.channels],
              total=(t.TOTAL, str(sum(c.orders for c in report.channels)), money(net), "100%" if net > 0 else "-"))
    if report.top_products:
        pdf.table(t.TOP, t.TOP_HEAD, (10, 84, 30, 20, 30), "LLLRR",
                  [(str(i), p.name, p.sku, str(p.qty), money(p.amount)) for i, p in enumerate(report.top_products, 1)])
    else:
        pdf.table(t.TOP, t.TOP_HEAD, (10, 84, 30, 20, 30), "LLLRR", [], note=t.TOP_NONE)
    statuses = report.statuses
    pdf.table(t.STATUSES, t.ST_HEAD, (90, 40, 44), "LRR",
              [(t.STATUS.get(s.status, s.status), str(s.orders), money(s.total)) for s in statuses],
              total=(t.TOTAL, str(sum(s.orders for s in statuses)), money(sum(s.total for s in statuses))),
              note=t.ST_NOTE if statuses else t.ST_NONE)
    pdf.signature()
    return bytes(pdf.output())
