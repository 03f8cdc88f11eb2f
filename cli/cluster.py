"""`kedai cluster new|list|promo`: shops of one install that promote together."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from cli.common import JsonOpt, prepared, session

cluster_app = typer.Typer(help="Clusters of shops: a joint promotion, a shared catalog page.", no_args_is_help=True)


@cluster_app.command("new")
def cluster_new(
    name: Annotated[str, typer.Option("--name", help='The cluster\'s name, e.g. "Kampung Kue Malang".')],
    shops: Annotated[str, typer.Option("--shops", help="Member shops' slugs, comma-separated: a,b.")],
    slug: Annotated[Optional[str], typer.Option("--slug", help="Short id for /c/SLUG; made from the name if left out.")] = None,
    admin: Annotated[Optional[str], typer.Option("--admin", help="The shop whose owner is the cluster's admin (default: the first).")] = None,
) -> None:
    """Create a cluster; the admin (a member shop's owner) sends joint promotions by chat."""
    from shops.admin import SLUG, slug_for
    from storage import clusters as clusters_db
    from storage import sellers as sellers_db
    from storage import shops as shops_db
    from storage.models import utcnow

    settings = prepared()
    slugs = [s.strip() for s in shops.split(",") if s.strip()]
    with session(settings) as s:
        found = [shops_db.fetch_shop_by_slug(s, slug_) for slug_ in slugs]
        missing = [slug_ for slug_, shop in zip(slugs, found) if shop is None or shop.archived_at is not None]
        if missing or len(slugs) < 2:
            typer.echo(f"A cluster needs two or more open shops; not found: {', '.join(missing) or '-'}", err=True)
            raise typer.Exit(1)
        cluster_slug = slug or slug_for(name)
        if not SLUG.match(cluster_slug) or clusters_db.fetch_cluster(s, cluster_slug) is not None:
            typer.echo(f"The cluster slug {cluster_slug!r} is taken or not a-z, 0-9, dashes; choose --slug", err=True)
            raise typer.Exit(1)
        admin_shop = next((shop for shop in found if shop is not None and shop.slug == (admin or slugs[0])), None)
        if admin_shop is None:
            typer.echo(f"--admin must be one of the member shops: {', '.join(slugs)}", err=True)
            raise typer.Exit(1)
        owner = next((x for x in sellers_db.fetch_sellers(s, admin_shop.id) if x.role == "owner"), None)
        cluster = clusters_db.add_cluster(s, cluster_slug, name, [shop.id for shop in found if shop is not None],
                                          admin_shop.id, owner.id if owner else None, utcnow())
        s.commit()
        typer.echo(f"cluster {cluster.slug} ({name}): {', '.join(slugs)}; admin: the owner of {admin_shop.slug}"
                   f"{'' if owner else ' (none yet: set up the shop first)'}; catalog page /c/{cluster.slug}")


@cluster_app.command("list")
def cluster_list(as_json: JsonOpt = False) -> None:
    """Every cluster with its member shops."""
    from storage import clusters as clusters_db

    settings = prepared()
    with session(settings) as s:
        out = [{"slug": c.slug, "name": c.name, "shops": [m.slug for m in clusters_db.member_shops(s, c.id)]}
               for c in clusters_db.fetch_clusters(s)]
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for c in out:
        typer.echo(f"{c['slug']}  {c['name']}: {', '.join(c['shops'])}")


@cluster_app.command("promo")
def cluster_promo(
    slug: Annotated[str, typer.Argument(help="The cluster's slug.")],
    text: Annotated[str, typer.Option("--text", help="The promotion's text.")],
) -> None:
    """Send a joint promotion now: each consenting person once, from a member shop of theirs."""
    from bot.clock import from_environment
    from marketing.cluster import send_joint
    from storage import clusters as clusters_db

    settings = prepared()
    with session(settings) as s:
        cluster = clusters_db.fetch_cluster(s, slug)
        if cluster is None or not text.strip():
            typer.echo(f"no cluster {slug!r}" if cluster is None else "--text is empty", err=True)
            raise typer.Exit(1)
        sent = send_joint(s, cluster, text, from_environment()(), "cli")
        s.commit()
    typer.echo(json.dumps({"promo": sent.promo_id, "per_shop": sent.per_shop, "skipped": sent.skipped}, ensure_ascii=False))
