"""Small pure pieces: joining two carts, what a channel says a file is before it is fetched."""

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
def test_images_and_pdfs_up_to_five_megabytes_are_fetched(ctype):
    media_store.check(ctype, media_store.MAX_BYTES)


@pytest.mark.parametrize("ctype, size, reason", [("video/mp4", 10, "type"), ("text/vcard", 10, "type"),
                                                 ("image/jpeg", media_store.MAX_BYTES + 1, "too_large")])
def test_other_types_and_bigger_files_are_not_fetched(ctype, size, reason):
    with pytest.raises(media_store.MediaRejected) as exc:
        media_store.check(ctype, size)
    assert exc.value.reason == reason
