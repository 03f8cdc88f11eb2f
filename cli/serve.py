"""`kedai serve` and `kedai chat`: the web server, and a chat with the bot in the terminal."""

from __future__ import annotations

import threading
import uuid
from typing import Annotated, Optional

import typer

from cli import logs
from cli.common import ShopOpt, prepared

LATER_SECONDS = 2.0  # how often `kedai chat` looks for messages others' actions sent


def serve(
    host: Annotated[Optional[str], typer.Option(help="Bind address (KEDAI_HOST).")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port (KEDAI_PORT).")] = None,
    no_scheduler: Annotated[bool, typer.Option("--no-scheduler", help="Leave scheduled jobs to another process.")] = False,
) -> None:
    """Web server: webhooks, simulator, health; scheduler in-process unless --no-scheduler."""
    import uvicorn

    from bot.app import served
    from bot.serve import build_app

    settings = prepared()
    logs.configure(settings.log_level.upper())
    if host:
        settings.host = host
    if port:
        settings.port = port
    app = build_app(settings, scheduler=not no_scheduler)
    if app.state.live is not None:  # a bot or number linked or unlinked while serving, said as the banner says shops
        app.state.live.announce = lambda line: typer.echo(line)

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:  # type: ignore[no-untyped-def]
            await super().startup(sockets)
            if self.started:  # bound and serving: say where, which shops and channels, and that it is ready
                lines = [f"Kedai is listening on http://{settings.host}:{settings.port}", *app.state.banner]
                if not app.state.banner:
                    lines.append("  no shop yet: create one with `kedai shop new --name NAME`")
                typer.echo("\n".join([*lines, "Ready."]))

    Server(uvicorn.Config(served(app), host=settings.host, port=settings.port, log_level="warning",
                          access_log=False)).run()


def chat(
    as_: Annotated[str, typer.Option("--as", help="customer or seller")] = "customer",
    user: Annotated[Optional[str], typer.Option(help="Simulator user id.")] = None,
    shop: ShopOpt = None,
) -> None:
    """Chat with the bot in the terminal through the simulator channel. Type a number to press a button."""
    from bot.bootstrap import build
    from bot.channels.simulator import take_later
    from bot.messages import Inbound

    settings = prepared()
    kedai = build(settings)
    user = user or ("penjual" if as_ == "seller" else "terminal")
    buttons: list = []
    lock = threading.Lock()  # the chat's lines and the later messages' lines never interleave
    stop = threading.Event()

    def show(replies) -> None:  # type: ignore[no-untyped-def]
        for reply in replies:
            typer.echo(("\n[gambar] " + reply.image_url + "\n" if reply.image_url else "") + reply.text)
            for b in reply.buttons:
                buttons.append(b)
                typer.echo(f"  {len(buttons)}. {b.label}")
            typer.echo("")

    def later() -> None:
        """Messages others' actions send this user (a seller's new-order alert, "pesanan dikirim")."""
        while not stop.wait(LATER_SECONDS):
            try:
                arrived = take_later(kedai, user, shop)
            except Exception as exc:  # a locked or gone database: said once per try, the chat goes on
                typer.echo(f"(pesan masuk belum bisa dibaca: {exc})", err=True)
                continue
            if arrived:
                with lock:
                    typer.echo("\n── pesan masuk ──")
                    show(arrived)
                    typer.echo("> ", nl=False)

    watcher = threading.Thread(target=later, name="kedai-chat-later", daemon=True)
    watcher.start()
    typer.echo("Kedai chat — ketik pesan (Ctrl-D untuk keluar). Ketik nomor untuk menekan tombol.\n")
    try:
        with lock:  # what arrived while away first
            show(take_later(kedai, user, shop))
        while True:
            try:
                line = input("> ").strip()
            except EOFError:
                break
            with lock:
                choice = None
                if line.isdigit() and buttons and 1 <= int(line) <= len(buttons):
                    choice = buttons[int(line) - 1].value
                handled = kedai.engine.handle(Inbound("simulator", user, uuid.uuid4().hex, text=line, choice=choice,
                                                      account=shop))
                buttons.clear()
                show(handled.replies + take_later(kedai, user, shop))
    finally:
        stop.set()
        watcher.join(timeout=5)
        kedai.close()
