"""Small pure pieces: joining two carts, checking and storing customer files."""

from __future__ import annotations

import pytest

from bot import media_store
from bot.identity import merged_data


def test_joined_carts_keep_every_product_and_the_larger_quantity_of_a_shared_one():
    kept = {"cart": {"KRP-TMP": 2, "SBL-ROA": 1}, "name_hint": "x"}
    current = {"cart": {"KRP-TMP": 1, "KUE-NST-KJU": 3}, "sku": "KUE-NST-KJU"}
    merged = merged_data(kept, current)
    assert merged["cart"] == {"KRP-TMP": 2, "SBL-ROA": 1, "KUE-NST-KJU": 3}
    assert merged["sku"] == "KUE-NST-KJU" and merged["name_hint"] == "x"  # the current step wins


def test_joining_without_carts_adds_no_cart():
    assert "cart" not in merged_data({}, {"sku": "A"})


@pytest.mark.parametrize("ctype", ["image/jpeg", "image/png; charset=binary", "application/pdf"])
def test_images_and_pdfs_up_to_five_megabytes_are_kept(tmp_path, ctype):
    path = media_store.store(tmp_path, "whatsapp", "MM/../1", 0, b"x" * media_store.MAX_BYTES, ctype)
    assert path.parent == (tmp_path / "inbound" / "whatsapp").resolve() and path.read_bytes()[:1] == b"x"


@pytest.mark.parametrize("ctype, size, reason", [("video/mp4", 10, "type"), ("text/vcard", 10, "type"),
                                                 ("image/jpeg", media_store.MAX_BYTES + 1, "too_large")])
def test_other_types_and_bigger_files_are_refused(tmp_path, ctype, size, reason):
    with pytest.raises(media_store.MediaRejected) as exc:
        media_store.store(tmp_path, "whatsapp", "MM1", 0, b"x" * size, ctype)
    assert exc.value.reason == reason and not (tmp_path / "inbound" / "whatsapp" / "MM1-0.jpg").exists()
