"""Which process leads (runs the scheduled jobs and sends): the live one registered first, another
at its first beat after that one is gone, and never two at once (SQLite and PostgreSQL)."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from bot.processes import Processes, instance_of
from tests.integration.test_process_claims import Rig, rig  # noqa: F401 (a fixture)


def test_the_first_live_process_leads_and_the_next_takes_over_at_its_first_beat_after_it_dies(rig):  # noqa: F811
    first = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        became: list[str] = []
        me: Processes = rig.processes(on_leader=lambda: became.append("lead"))
        leader = rig.other(host=me.host, pid=first.pid, instance=instance_of(first.pid))
        me.register()
        me.reap()
        assert (me.is_leader(), me.others) == (False, 1)
        first.kill()
        first.wait()
        me.reap()  # its next beat: the leader's pid is dead
        assert me.is_leader() and me.others == 0 and leader not in rig.process_ids()
        assert me.took_over  # the dead one's last sends still count: bot.app holds the senders a second
    finally:
        first.kill()
        first.wait()


def test_a_leader_whose_beats_stop_stops_leading_before_anyone_may_take_it_for_dead(rig):  # noqa: F811
    clock = [0.0]
    me = rig.processes(monotonic=lambda: clock[0], stale_after=timedelta(seconds=20))
    me.register()
    me.reap()
    assert me.is_leader() and not me.took_over  # alone from its start: no one's sends to wait out
    clock[0] += 14.9
    assert me.is_leader()
    clock[0] += 0.2  # three quarters of the 20 s after which others may judge it gone
    assert not me.is_leader()
    me.unregister()
    assert not me.is_leader()
