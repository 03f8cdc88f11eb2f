"""What a customer reads about rankings over the shop's products ("yg paling murah") and about the
list just shown ("nomor 2", "yg kedua"). Placeholders are str.format fields."""

# The head of the answer: "Yang paling murah: ..." (the product's page follows).
KIND_HEAD = {
    "cheap": "Yang paling murah{scope}: *{name}* — {price} 👇",
    "dear": "Yang paling mahal{scope}: *{name}* — {price} 👇",
    "best": "Yang paling laris{scope}: *{name}* ({sold} terjual) 👇",
    "spicy": "Yang paling pedas{scope}: *{name}* 👇",
}
# Several at the top: the same price, the same sales, the same level.
KIND_TIE = {
    "cheap": "Yang paling murah{scope} ada beberapa, sama-sama {price}. Pilih salah satu, Kak:",
    "dear": "Yang paling mahal{scope} ada beberapa, sama-sama {price}. Pilih salah satu, Kak:",
    "best": "Yang paling laris{scope} ada beberapa, sama-sama {sold} terjual. Pilih salah satu, Kak:",
    "spicy": "Yang paling pedas{scope} ada beberapa. Pilih salah satu, Kak:",
}
SCOPE = " di {what}"
SCOPE_SHOP = ""
LIST_SCOPE = "daftar tadi"
# The ones after the top, numbered as in the list ("nomor 2" picks the second).
NEXT_HEAD = "Urutan berikutnya:"
NEXT_LINE = "{n}. {name} — {price}"

# The shop has no way to tell.
NO_SALES = ("Maaf Kak, kami belum punya catatan penjualan{scope} untuk tahu mana yang paling laris 🙏\n"
            "Coba lihat *katalog* kami, atau tanya harga/stok produknya langsung.")
NO_SPICE = ("Maaf Kak, di katalog kami belum ada keterangan tingkat pedas{scope}, jadi kami belum bisa bilang "
            "mana yang paling pedas 🙏\nCoba lihat *katalog*, atau ketik nama produknya untuk lihat pilihannya.")
NONE_LEFT = "Maaf Kak, produk{scope} sedang habis semua 🙏 Coba lihat *katalog* untuk yang lain."

# Pointing into the last list.
NO_LIST = ("Maaf Kak, nomor itu untuk daftar produk yang baru kami tampilkan, tapi sekarang belum ada daftarnya 🙏\n"
           "Ketik nama produknya, atau lihat *katalog*.")
OUT_OF_LIST = "Di daftar terakhir cuma ada {count} produk, Kak. Ketik nomor 1 sampai {count}, atau nama produknya."
