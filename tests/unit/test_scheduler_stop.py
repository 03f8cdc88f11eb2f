"""Stopping the server while a scheduled job runs is no failure of that job."""

from __future__ import annotations

import asyncio
import logging

from scheduler.runner import Job, build_scheduler


def test_a_job_running_when_the_server_stops_ends_without_an_error_logged(caplog):
    ran: list[str] = []

    async def slow() -> None:
        ran.append("started")
        await asyncio.sleep(30)  # a transaction waiting on the database, say
        ran.append("finished")

    async def main() -> None:
        scheduler = build_scheduler([Job("slow", slow, 0.05)])
        scheduler.start()
        while not ran:
            await asyncio.sleep(0.01)
        scheduler.shutdown(wait=False)  # as bot.serve stops it
        await asyncio.sleep(0.05)

    with caplog.at_level(logging.INFO):
        asyncio.run(main())
    assert ran == ["started"]  # it was stopped mid-run
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert "job slow stopped with the server" in caplog.text
