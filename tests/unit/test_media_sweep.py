"""The media store's `incoming/` is swept by age (scheduler.jobs_media): a fetched file the engine
filed into the shop's folder is deleted there once old, the shop's copy stays, and a photo sent
again is fresh for the sweep."""

from __future__ import annotations

import asyncio
import os
import time

from media.store import MediaStore
from scheduler.jobs_media import media_jobs
from tests.media_samples import picture


def test_old_incoming_files_go_and_the_shops_copies_and_fresh_arrivals_stay(tmp_path):
    store = MediaStore(tmp_path / "shop_media")
    old, fresh = picture(40, 30, "red"), picture(40, 30, "blue")
    filed = store.adopt(store.receive(old).ref, 1, public=True)
    assert filed is not None
    incoming = tmp_path / "shop_media" / "incoming"
    [old_file] = list(incoming.iterdir())
    two_hours_ago = time.time() - 7200
    os.utime(old_file, (two_hours_ago, two_hours_ago))
    store.receive(fresh)
    assert store.sweep_incoming() == 1
    assert [p.name for p in incoming.iterdir()] == [store.receive(fresh).ref.split(":", 1)[1]]
    assert store.path_of(filed.ref) is not None  # the shop's own copy is untouched

    # the same bytes arriving again are fresh, not swept with their old copy
    os.utime(incoming / store.receive(old).ref.split(":", 1)[1], (two_hours_ago, two_hours_ago))
    store.receive(old)
    [job] = media_jobs(store)
    assert asyncio.run(job.run()) == 0 and len(list(incoming.iterdir())) == 2


def test_files_made_for_messages_go_after_a_day_and_todays_stay(tmp_path):
    made = tmp_path / "media" / "files"
    made.mkdir(parents=True)
    (made / "old-report.pdf").write_bytes(b"%PDF-1.4")
    (made / "todays-chart.png").write_bytes(b"\x89PNG")
    two_days_ago = time.time() - 2 * 86400
    os.utime(made / "old-report.pdf", (two_days_ago, two_days_ago))
    [job] = media_jobs(MediaStore(tmp_path / "shop_media"), made)
    assert asyncio.run(job.run()) == 1
    assert [p.name for p in made.iterdir()] == ["todays-chart.png"]
