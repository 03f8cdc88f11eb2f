"""The report as CSV (one long table: section, item, amount) and as an XLSX workbook (openpyxl).

Amounts are plain whole-Rupiah integers so a spreadsheet can add them up; subtracted items
are negative here (the PDF shows them in brackets instead).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from books.accounts import OPERATING_EXPENSES
from books.figures import Report
from texts.id import books as t

Row = tuple[str, str, "int | str"]


def statement_rows(r: Report) -> list[Row]:
    pl, c, p = r.profit_loss, r.cash, r.position
    made = r.made_at.astimezone(r.period.tz).strftime("%Y-%m-%d %H:%M")
    rows: list[Row] = [
        (t.SHEET_TITLE, t.TITLE, r.shop_name),
        (t.SHEET_TITLE, t.PERIOD, f"{r.period.first_day.isoformat()} - {r.period.last_day.isoformat()}"),
        (t.SHEET_TITLE, t.MADE_AT, made),
        (t.PL, t.PL_GOODS, pl.goods), (t.PL, t.PL_DISCOUNT, -pl.discount), (t.PL, t.PL_REFUNDS, -pl.refunds),
        (t.PL, t.PL_NET_SALES, pl.net_sales), (t.PL, t.PL_DELIVERY, pl.delivery), (t.PL, t.PL_UNIQUE, pl.unique_code),
        (t.PL, t.PL_OTHER_INCOME, pl.other_income), (t.PL, t.PL_TOTAL_REVENUE, pl.revenue),
        (t.PL, t.PL_COGS, -pl.cogs), (t.PL, t.PL_GROSS, pl.gross_profit),
    ]
    rows += [(t.PL, f"{t.PL_EXPENSES}: {t.CATEGORY[cat]}", -pl.expenses[cat]) for cat in OPERATING_EXPENSES]
    rows += [(t.PL, t.PL_TOTAL_EXPENSES, -pl.total_expenses), (t.PL, t.PL_NET, pl.net_profit),
             (t.CASH, t.CASH_OPENING, c.opening), (t.CASH, t.CASH_FROM_SALES, c.from_sales),
             (t.CASH, t.CASH_OTHER_INCOME, c.other_income), (t.CASH, t.CASH_CAPITAL, c.capital_in),
             (t.CASH, t.CASH_TOTAL_IN, c.total_in), (t.CASH, t.CASH_REFUNDS, -c.refunds),
             (t.CASH, t.CASH_RAW, -c.raw_materials)]
    rows += [(t.CASH, f"{t.CASH_OUT}: {t.CATEGORY[cat]}", -c.expenses[cat]) for cat in OPERATING_EXPENSES]
    position = t.POSITION.format(day=r.period.last_day.isoformat())
    rows += [(t.CASH, t.CASH_DRAWINGS, -c.drawings), (t.CASH, t.CASH_TOTAL_OUT, -c.total_out),
             (t.CASH, t.CASH_CLOSING, c.closing),
             (position, t.POS_CASH, p.cash),
             (position, t.POS_RECEIVABLES.format(orders=p.receivable_orders), p.receivables),
             (position, t.POS_STOCK, t.POS_STOCK_UNKNOWN if p.stock_at_cost is None else p.stock_at_cost),
             (position, t.POS_CAPITAL, p.capital), (position, t.POS_DRAWINGS, -p.drawings),
             (position, t.POS_RETAINED, p.retained_profit), (position, t.POS_TOTAL_EQUITY, p.owner_equity)]
    for ch in r.channels:
        label = t.CHANNEL[ch.channel]
        rows += [(t.CHANNELS, f"{label}: {t.CH_HEAD[1].lower()}", ch.orders),
                 (t.CHANNELS, f"{label}: {t.CH_HEAD[2].lower()}", ch.net_sales)]
    for i, prod in enumerate(r.top_products, 1):
        rows += [(t.TOP, f"{i}. {prod.name} ({prod.sku}): {t.TOP_HEAD[3].lower()}", prod.qty),
                 (t.TOP, f"{i}. {prod.name} ({prod.sku}): {t.TOP_HEAD[4].lower()}", prod.amount)]
    for st in r.statuses:
        label = t.STATUS.get(st.status, st.status)
        rows += [(t.STATUSES, f"{label}: {t.ST_HEAD[1].lower()}", st.orders),
                 (t.STATUSES, f"{label}: {t.ST_HEAD[2].lower()}", st.total)]
    return rows


def render_csv(report: Report) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Indonesian text right on a double-click."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(t.SHEET_HEAD)
    writer.writerows(statement_rows(report))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet(wb, title: str, head: Sequence[str], rows: Sequence[Sequence[object]], money_cols: Sequence[int],  # type: ignore[no-untyped-def]
           widths: Sequence[int]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title[:31])
    ws.append(list(head))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E2E8F0")
    for row in rows:
        ws.append(list(row))
    for col in money_cols:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(cell.value, int):
                cell.number_format = '"Rp"#,##0;-"Rp"#,##0'
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    _sheet(wb, t.SHEET_TITLE, t.SHEET_HEAD, statement_rows(report), [3], [34, 52, 20])
    _sheet(wb, t.SHEET_CHANNELS, t.CH_HEAD[:3],
           [(t.CHANNEL[c.channel], c.orders, c.net_sales) for c in report.channels], [3], [20, 18, 20])
    _sheet(wb, t.SHEET_TOP, t.TOP_HEAD, [(i, p.name, p.sku, p.qty, p.amount)
                                          for i, p in enumerate(report.top_products, 1)], [5], [6, 44, 16, 10, 18])
    _sheet(wb, t.SHEET_STATUSES, t.ST_HEAD, [(t.STATUS.get(s.status, s.status), s.orders, s.total)
                                             for s in report.statuses], [3], [26, 12, 18])
    _sheet(wb, t.SHEET_DAILY, t.DAILY_HEAD, [(d, amount) for d, amount in report.daily_sales], [2], [14, 22])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
