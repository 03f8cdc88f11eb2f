"""`kedai broadcast create|list|status|cancel|run`."""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Annotated, Any, Optional

import typer

from cli.common import JsonOpt, Many, ShopOpt, prepared, shop_session

broadcast_app = typer.Typer(help="Broadcasts to customers who agreed to promo messages.", no_args_is_help=True)


@broadcast_app.command("create")
def broadcast_create(
    text: Annotated[str, typer.Option(help="The message; {nama} and {produk_terakhir} are filled per person.")],
    image: Annotated[Optional[str], typer.Option(help="Image URL sent with the message.")] = None,
    promo: Annotated[Optional[str], typer.Option(help="Attach this promo code.")] = None,
    sku: Many = None, category: Many = None,
    inactive_days: Annotated[Optional[int], typer.Option(help="Only customers with no order in N days.")] = None,
    channel: Annotated[Optional[str], typer.Option(help="Only this channel: telegram, whatsapp, simulator.")] = None,
    lapsed_days: Annotated[Optional[int], typer.Option(
        help="With --sku/--category: only who bought them before but none of them in the last N days.")] = None,
    when: Annotated[str, typer.Option(help="'sekarang', 'besok 09:00', '2026-12-25 10:00', 'setiap jumat 10:00'.")] = "sekarang",
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Skip the confirmation.")] = False,
    shop: ShopOpt = None,
) -> None:
    """Preview a broadcast (recipient count, an example) and create it after confirmation."""
    from marketing.broadcast_admin import BroadcastInvalid, create, preview_spec, shop_tz
    from marketing.broadcasts import BroadcastSpec, Segment
    from marketing.parsing import parse_when
    from marketing.promo_admin import find
    from marketing.wording import broadcast_text, promo_line, segment_text, when_text

    with shop_session(shop) as (_, s, found):
        now, tz = datetime.now(timezone.utc), shop_tz(s, found.id)
        schedule = parse_when(when, now, tz)
        if schedule is None:
            raise typer.BadParameter(f"{when!r}: try 'sekarang', 'besok 09:00', '2026-12-25 10:00' or 'setiap jumat 10:00'")
        if lapsed_days is not None and not (sku or category):
            raise typer.BadParameter("--lapsed-days needs --sku or --category: who bought what, not lately")
        segment = Segment(tuple(sku or ()), tuple(category or ()), inactive_days, channel, lapsed_days)
        spec = BroadcastSpec(text=text, segment=segment,
                             schedule=schedule, image_url=image, promo_code=promo)
        counts = preview_spec(s, found.id, spec, now)
        attached = find(s, found.id, promo) if promo else None
        typer.echo(broadcast_text(text, counts.sample, promo_line(attached)))
        typer.echo(f"\nrecipients: {counts.recipients} ({segment_text(spec.segment)}); skipped: no consent "
                   f"{counts.no_consent}, unreachable {counts.unreachable}, outside 24h {counts.outside_window}")
        typer.echo(f"when: {when_text(schedule, tz)}")
        if not yes and not typer.confirm("Create this broadcast?"):
            raise typer.Exit(1)
        try:
            b = create(s, found.id, spec, now, "cli")
        except BroadcastInvalid as exc:
            typer.echo(f"not created: {', '.join(exc.problems)}", err=True)
            raise typer.Exit(1)
        s.commit()
        typer.echo(f"broadcast {b.id} created, next run {b.next_due_at.isoformat() if b.next_due_at else '-'}")


def _info_json(info: Any) -> dict[str, Any]:
    out = {"id": info.id, "text": info.text, "status": info.status, "schedule": info.schedule.to_json(),
           "segment": info.segment.to_json(), "promo_code": info.promo_code,
           "next_due_at": info.next_due_at.isoformat() if info.next_due_at else None}
    out["last_run"] = _run_json(info.last_run) if info.last_run else None
    return out


def _run_json(r: Any) -> dict[str, Any]:
    out = asdict(r)
    out["due_at"] = r.due_at.isoformat()
    return out


@broadcast_app.command("list")
def broadcast_list(shop: ShopOpt = None, as_json: JsonOpt = False) -> None:
    """Recent broadcasts, newest first."""
    from marketing.broadcast_admin import list_broadcasts, shop_tz
    from marketing.wording import segment_text, when_text

    with shop_session(shop) as (_, s, found):
        found_list, tz = list_broadcasts(s, found.id), shop_tz(s, found.id)
    if as_json:
        typer.echo(json.dumps([_info_json(b) for b in found_list], ensure_ascii=False, indent=2))
        return
    for b in found_list:
        last = f"  last run: {b.last_run.n('sent')} sent" if b.last_run else ""
        typer.echo(f"#{b.id} {b.status:<9} {when_text(b.schedule, tz)} · {segment_text(b.segment)} · {b.text[:50]!r}{last}")


@broadcast_app.command("status")
def broadcast_status(broadcast_id: int, shop: ShopOpt = None, as_json: JsonOpt = False) -> None:
    """A broadcast's runs: sent, failed, skipped (and why), opted out since."""
    from marketing.broadcast_admin import shop_tz, status
    from marketing.wording import report_text

    with shop_session(shop) as (_, s, found):
        result, tz = status(s, found.id, broadcast_id), shop_tz(s, found.id)
    if result is None:
        typer.echo(f"no broadcast {broadcast_id}", err=True)
        raise typer.Exit(1)
    info, runs = result
    if as_json:
        typer.echo(json.dumps({**_info_json(info), "runs": [_run_json(r) for r in runs]}, ensure_ascii=False, indent=2))
        return
    typer.echo(f"#{info.id} {info.status}; next run {info.next_due_at.isoformat() if info.next_due_at else '-'}")
    for r in runs:
        typer.echo("\n" + report_text(r, tz))


@broadcast_app.command("cancel")
def broadcast_cancel(broadcast_id: int, shop: ShopOpt = None) -> None:
    """Cancel future runs and whatever of a running one is not sent yet."""
    from marketing.broadcast_admin import cancel

    with shop_session(shop) as (_, s, found):
        ok = cancel(s, found.id, broadcast_id, datetime.now(timezone.utc))
        s.commit()
    if not ok:
        typer.echo(f"broadcast {broadcast_id} is not active", err=True)
        raise typer.Exit(1)
    typer.echo(f"broadcast {broadcast_id} cancelled")


@broadcast_app.command("run")
def broadcast_run() -> None:
    """Send what is due now, once (what `kedai serve` does every few seconds)."""
    from bot.bootstrap import build
    from bot.broadcasting import broadcaster
    kedai = build(prepared())
    try:
        sent = asyncio.run(broadcaster(kedai).tick())
    finally:
        kedai.close()
    typer.echo(f"{sent} messages sent")
