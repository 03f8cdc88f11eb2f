"""A personal offer's audience on a real database: who bought a product before but not in the
last N days (that product: other recent orders do not count), cancelled orders not counted, and
the preview a seller sees counts only who may be sent to."""

from __future__ import annotations

from adapters.marketing import DbMarketing
from marketing.audience import members
from marketing.broadcasts import Segment
from tests.promo_support import person
from tests.support import NOW, seeded_engine


def test_bought_before_but_not_in_the_last_n_days(db_url):
    _, sessions = seeded_engine(db_url)
    with sessions() as s:
        person(s, "lama", orders=[(["KUE-NST-KJU"], 40, "completed")])  # lapsed: in
        person(s, "rajin", orders=[(["KUE-NST-KJU"], 60, "completed"), (["KUE-NST-KJU"], 5, "completed")])  # bought lately
        person(s, "lain", orders=[(["KUE-NST-KJU"], 45, "completed"), (["SBL-ROA"], 2, "paid")])  # other product lately: in
        person(s, "batal", orders=[(["KUE-NST-KJU"], 50, "completed"), (["KUE-NST-KJU"], 3, "cancelled")])  # in
        person(s, "diam", consent=False, orders=[(["KUE-NST-KJU"], 40, "completed")])  # in, but skipped when sent
        person(s, "belum", orders=[(["SBL-ROA"], 40, "completed")])  # never bought it: out
        s.commit()
        segment = Segment(skus=("KUE-NST-KJU",), lapsed_days=30)
        found = {m.name for m in members(s, 1, segment, NOW)}
        assert found == {"lama", "lain", "batal", "diam"}
        preview = DbMarketing(s, 1, NOW).preview(segment)
        assert preview.recipients == 3 and preview.no_consent == 1
        assert Segment.from_json(segment.to_json()) == segment
