"""The sales chart: a PNG of net sales per day, and a caption naming the best day.

matplotlib is imported inside `render_sales_chart`, so a server that never draws a chart
never pays its import time or memory. Only the object API is used (a Figure with its own Agg
canvas, no pyplot and its global state), so charts may be drawn in worker threads at once:
call it through `asyncio.to_thread` to keep it off the event loop.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from catalog.money import LOCALE, rupiah
from texts.id import books as t

BAR, BEST, INK, MUTED, GRID = "#9DB4D3", "#1F4068", "#212529", "#6C757D", "#E9ECEF"


@dataclass(frozen=True)
class SalesChart:
    png: bytes
    caption: str
    best_day: date | None
    total: int


def short_rupiah(amount: float) -> str:
    """Axis labels: Rp150rb, Rp1,2jt."""
    if abs(amount) >= 1_000_000:
        return f"Rp{amount / 1_000_000:.2f}".rstrip("0").rstrip(".").replace(".", ",") + t.CHART_MILLIONS
    if abs(amount) >= 1_000:
        return f"Rp{amount / 1_000:.0f}{t.CHART_THOUSANDS}"
    return f"Rp{amount:.0f}"


def caption(days: Sequence[tuple[date, int]], period_label: str) -> tuple[str, date | None]:
    total = sum(amount for _, amount in days)
    best = max(days, key=lambda d: (d[1], -d[0].toordinal()), default=None)
    if best is None or best[1] <= 0:
        return t.CHART_CAPTION_EMPTY.format(period=period_label), None
    return t.CHART_CAPTION.format(period=period_label, total=rupiah(total), days=len(days),
                                  best_day=format_date(best[0], "EEEE, d MMMM", locale=LOCALE),
                                  best_amount=rupiah(best[1])), best[0]


def render_sales_chart(days: Sequence[tuple[date, int]], period_label: str, shop_name: str = "", *,
                       size: tuple[float, float] = (8, 4.2), titled: bool = True, dpi: int = 120) -> SalesChart:
    """The chart of `days` ([(local date, net sales)], every day of the period, zeros included);
    `titled=False` leaves the title to the document it goes into."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    text, best_day = caption(days, period_label)
    fig = Figure(figsize=size, dpi=dpi)
    ax = fig.add_subplot()
    xs = list(range(len(days)))
    ax.bar(xs, [a for _, a in days], color=[BEST if d == best_day else BAR for d, _ in days], width=0.72, zorder=2)
    step = 1 if len(days) <= 10 else 2 if len(days) <= 20 else 3
    ax.set_xticks(xs[::step], [format_date(d, "d MMM" if len(days) <= 10 else "d", locale=LOCALE)
                               for d, _ in days][::step])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: short_rupiah(v)))
    ax.grid(axis="y", color=GRID, zorder=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    small = 9 if titled else 7
    ax.tick_params(colors=INK, labelsize=small, length=0)
    ax.set_ylim(bottom=0)
    if best_day is not None:
        best_x = next(i for i, (d, _) in enumerate(days) if d == best_day)
        ax.annotate(short_rupiah(days[best_x][1]), (best_x, days[best_x][1]), xytext=(0, 4),
                    textcoords="offset points", ha="center", fontsize=small - 0.5, color=BEST, fontweight="bold")
    if titled:
        ax.set_title(f"{t.CHART_TITLE} - {period_label}", color=MUTED, fontsize=10, loc="left", pad=12)
    if titled and shop_name:
        fig.suptitle(shop_name, x=0.012, ha="left", fontsize=12.5, fontweight="bold", color=INK)
    ax.margins(y=0.08)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return SalesChart(out.getvalue(), text, best_day, sum(a for _, a in days))
