"""`kedai serve` and `kedai chat`: the web server, and a chat with the bot in the terminal."""

from __future__ import annotations

import uuid
from typing import Annotated, Optional

import typer

from cli.common import ShopOpt, prepared


def serve(
    host: Annotated[Optional[str], typer.Option(help="Bind address (KEDAI_HOST).")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port (KEDAI_PORT).")] = None,
    no_scheduler: Annotated[bool, typer.Option("--no-scheduler", help="Leave scheduled jobs to another process.")] = False,
) -> None:
    """Web server: webhooks, simulator, health; scheduler in-process unless --no-scheduler."""
    import uvicorn

    from bot.serve import build_app

    settings = prepared()
    if host:
        settings.host = host
    if port:
        settings.port = port
    app = build_app(settings, scheduler=not no_scheduler)

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:  # type: ignore[no-untyped-def]
            await super().startup(sockets)
            if self.started:  # bound and serving: say where, which shops and channels, and that it is ready
                lines = [f"Kedai is listening on http://{settings.host}:{settings.port}", *app.state.banner]
                if not app.state.banner:
                    lines.append("  no shop yet: create one with `kedai shop new --name NAME`")
                typer.echo("\n".join([*lines, "Ready."]))

    Server(uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning",
                          access_log=False)).run()


def chat(
    as_: Annotated[str, typer.Option("--as", help="customer or seller")] = "customer",
    user: Annotated[Optional[str], typer.Option(help="Simulator user id.")] = None,
    shop: ShopOpt = None,
) -> None:
    """Chat with the bot in the terminal through the simulator channel. Type a number to press a button."""
    from bot.bootstrap import build
    from bot.messages import Inbound

    settings = prepared()
    kedai = build(settings)
    user = user or ("penjual" if as_ == "seller" else "terminal")
    buttons: list = []
    typer.echo("Kedai chat — ketik pesan (Ctrl-D untuk keluar). Ketik nomor untuk menekan tombol.\n")
    try:
        while True:
            try:
                line = input("> ").strip()
            except EOFError:
                break
            choice = None
            if line.isdigit() and buttons and 1 <= int(line) <= len(buttons):
                choice = buttons[int(line) - 1].value
            handled = kedai.engine.handle(Inbound("simulator", user, uuid.uuid4().hex, text=line, choice=choice,
                                                  account=shop))
            buttons = []
            for reply in handled.replies:
                typer.echo(("\n[gambar] " + reply.image_url + "\n" if reply.image_url else "") + reply.text)
                for b in reply.buttons:
                    buttons.append(b)
                    typer.echo(f"  {len(buttons)}. {b.label}")
                typer.echo("")
    finally:
        kedai.close()
