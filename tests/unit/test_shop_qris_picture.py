"""A QRIS picture the owner sent by chat is read from the media store, where every channel's
photos arrive (effects.shop_settings.read_shop_qris), so QRIS orders get the exact amount."""

from __future__ import annotations

from pathlib import Path

from effects.shop_settings import read_shop_qris
from media.store import MediaStore
from orders import qris
from orders.qris_image import qr_png
from tests.media_samples import picture
from tests.unit.test_qris import PUBLISHED_STATIC


def test_a_qris_photo_kept_in_the_media_store_is_read_and_a_plain_photo_is_not(tmp_path):
    store = MediaStore(tmp_path / "shop_media")
    sticker = store.put(1, qr_png(PUBLISHED_STATIC), public=True)
    assert read_shop_qris(sticker.ref, store) == qris.parse_shop_qris(PUBLISHED_STATIC).payload
    assert read_shop_qris(sticker.ref) is None  # without the store the ref names no file
    plain = store.put(1, picture(), public=True)
    assert read_shop_qris(plain.ref, store) is None


def test_a_store_under_a_relative_data_dir_is_read_too(tmp_path, monkeypatch):
    """KEDAI_DATA_DIR defaults to `data`, relative to where the server runs: the store's files
    are found there, while a bare relative path is still never opened."""
    monkeypatch.chdir(tmp_path)
    store = MediaStore(Path("data") / "shop_media")
    sticker = store.put(1, qr_png(PUBLISHED_STATIC), public=True)
    assert read_shop_qris(sticker.ref, store) == qris.parse_shop_qris(PUBLISHED_STATIC).payload
    assert read_shop_qris(str(store.path_of(sticker.ref))) is None  # relative: not opened
