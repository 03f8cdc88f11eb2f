"""An older seller adds a product with a photo: the photo captioned with the new product's line
("bolu kukus 25rb stok 5", "produk baru …"), or the photo first and the line after it. The
photo goes with the new product; a caption naming a product the shop has still sets its picture."""

from __future__ import annotations

from conversations.seller.changes import CreateProduct, ProductChange
from conversations.seller.products import SellerProducts
from tests.seller_support import SellerChat


def created(chat: SellerChat) -> CreateProduct:
    return next(e for e in chat.effects if isinstance(e, CreateProduct))


def test_a_photo_captioned_with_a_new_products_line_creates_it_with_the_photo() -> None:
    for caption in ("bolu kukus pandan 25rb stok 5", "ini foto bolu kukus pandan 25rb stok 5",
                    "produk baru bolu kukus pandan 25rb stok 5"):
        chat = SellerChat()
        chat.send(caption, photo="/media/1/bolu.jpg")
        made = created(chat)
        assert (made.name, made.price, made.stock, made.image_url) == ("Bolu Kukus Pandan", 25000, 5, "/media/1/bolu.jpg")


def test_the_photo_first_then_a_new_name_says_how_and_the_line_creates_it_with_the_photo() -> None:
    chat = SellerChat()
    chat.send("", photo="/media/1/bolu.jpg")
    chat.send("bolu pandan")
    assert chat.state == SellerProducts.PHOTO and not chat.effects
    assert "belum ada di toko" in chat.text and "Bolu Pandan 35rb stok 10" in chat.text
    chat.send("bolu pandan 35rb stok 10")
    assert (created(chat).name, created(chat).image_url) == ("Bolu Pandan", "/media/1/bolu.jpg")


def test_a_new_product_asked_step_by_step_keeps_the_photo() -> None:
    chat = SellerChat()
    chat.send("produk baru bolu kukus 25rb", photo="/media/1/bolu.jpg")
    assert chat.state == SellerProducts.NEW_STOCK
    chat.send("7")
    chat.press("Lainnya")
    assert (created(chat).stock, created(chat).image_url) == (7, "/media/1/bolu.jpg")


def test_a_caption_naming_a_product_the_shop_has_sets_its_picture() -> None:
    chat = SellerChat()
    chat.send("keripik pedas", photo="/media/1/k.jpg")
    assert any(isinstance(e, ProductChange) for e in chat.effects) and not any(
        isinstance(e, CreateProduct) for e in chat.effects)
