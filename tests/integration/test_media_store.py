"""The media store on disk and served: bytes decide what a file is, the same photo is kept once,
lists get a small copy, and a private file is reachable only through a genuine, unexpired link."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot import media_routes
from bot.media_links import MediaLinks
from media.store import MediaRejected, MediaStore, thumb_ref
from tests.media_samples import is_picture, picture

SHOP = 7


@pytest.fixture
def served(tmp_path):  # type: ignore[no-untyped-def]
    now = [1_800_000_000.0]
    links = MediaLinks(MediaStore(tmp_path), b"s3cret", "https://toko.example.id", clock=lambda: now[0])
    app = FastAPI()
    media_routes.add(app, links)
    return links, TestClient(app), now


@pytest.mark.parametrize("data", [b"hello, this is text named foto.jpg", b"<html><script>x</script></html>",
                                  b"\xff\xd8\xff\xe0 not really a jpeg after the header"])
def test_what_is_not_a_picture_by_its_bytes_is_refused_and_nothing_is_kept(tmp_path, data):
    with pytest.raises(MediaRejected) as refused:
        MediaStore(tmp_path).receive(data)
    assert refused.value.reason == "type" and not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_file_over_the_limit_is_refused(tmp_path):
    with pytest.raises(MediaRejected) as refused:
        MediaStore(tmp_path).receive(b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024))
    assert refused.value.reason == "too_large"


def test_the_same_photo_twice_is_one_file_with_one_small_copy_for_lists(tmp_path):
    store = MediaStore(tmp_path)
    data = picture(1200, 800, kind="PNG")
    first = store.put(SHOP, data, public=True)
    again = store.adopt(store.receive(data).ref, SHOP, public=True)
    assert again == first and first.content_type == "image/png" and first.ref.startswith(f"/media/{SHOP}/")
    assert len(list((tmp_path / str(SHOP) / "public").iterdir())) == 2  # the photo and its thumbnail
    thumb = store.path_of(thumb_ref(first.ref))
    assert thumb is not None and is_picture(thumb.read_bytes()) == (320, 213)


def test_a_public_picture_is_served_and_a_private_one_only_by_its_signed_link(served):
    links, client, now = served
    photo = links.store.put(SHOP, picture(), public=True)
    proof = links.store.put(SHOP, picture(color="blue"), public=False)
    got = client.get(photo.ref)
    assert got.status_code == 200 and got.headers["content-type"] == "image/jpeg" and is_picture(got.content)
    name = proof.ref.split("/")[-1]
    assert client.get(f"/media/{SHOP}/{name}").status_code == 404  # not public under its name
    url = links.url(proof.ref)
    assert url.startswith(f"/media/private/{SHOP}/{name}?e=") and links.url(proof.ref, absolute=True).startswith("https://toko.")
    assert client.get(url).status_code == 200 and is_picture(client.get(url).content)
    tampered = url[:-1] + ("0" if url[-1] != "0" else "1")
    stretched = url.replace(f"e={int(now[0]) + 7 * 24 * 3600}", f"e={int(now[0]) + 30 * 24 * 3600}")
    assert stretched != url
    other_shop = url.replace(f"/private/{SHOP}/", "/private/8/")
    for bad in (tampered, stretched, other_shop, url.split("?")[0], f"/media/private/{SHOP}/../../etc/passwd?e=1&s=x"):
        assert client.get(bad).status_code == 404, bad
    now[0] += 7 * 24 * 3600 + 1
    assert client.get(url).status_code == 404  # expired


def test_pictures_kept_before_the_store_move_into_it_at_start(db_url, tmp_path):
    import asyncio

    from sqlalchemy import select

    from bot import media_legacy
    from storage.models import Product
    from tests.support import seeded_engine

    _, sessions = seeded_engine(db_url)
    photo, other = tmp_path / "MMold-0.jpg", picture(color="red")
    photo.write_bytes(picture())
    with sessions() as s:
        tempe, roa, gone = (s.scalar(select(Product).where(Product.sku == sku)) for sku in ("KRP-TMP", "SBL-ROA", "KRP-SGK-ORI"))
        tempe.image_url, roa.image_url, gone.image_url = str(photo), "AgACAgUAAxkBAAIold", str(tmp_path / "gone.jpg")
        shop_id = tempe.shop_id
        s.commit()
    store = MediaStore(tmp_path / "store")
    assert media_legacy.adopt_paths(sessions, store) == 1

    async def fetch(file_id: str) -> bytes:
        return {"AgACAgUAAxkBAAIold": other}[file_id]

    assert asyncio.run(media_legacy.adopt_file_ids(sessions, store, shop_id, fetch)) == 1
    with sessions() as s:
        urls = dict(s.execute(select(Product.sku, Product.image_url).where(Product.sku.in_(("KRP-TMP", "SBL-ROA", "KRP-SGK-ORI")))).all())
    assert store.path_of(urls["KRP-TMP"]).read_bytes() == photo.read_bytes()
    assert store.path_of(urls["SBL-ROA"]).read_bytes() == other
    assert urls["KRP-SGK-ORI"] == str(tmp_path / "gone.jpg")  # nothing to move: left as it was
