"""Words that stand in for a product in the bot's examples while a shop has no products yet."""

PRODUCT = "nama produk"
PRODUCT2 = "produk lain"
