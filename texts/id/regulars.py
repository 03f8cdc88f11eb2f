"""What a regular customer reads: ordering the same again, past orders, reviews, loyalty stamps."""

# Re-order ("pesan lagi") and the order history ("riwayat pesanan").
REORDER_NONE = "Kakak belum pernah pesan di sini, jadi belum ada yang bisa dipesan lagi. Yuk lihat *katalog* 🛍️"
REORDER_NOT_FOUND = "Pesanan *{code}* tidak kami temukan, Kak."
REORDER_ADDED = "🔁 Isi pesanan *{code}* sudah kami masukkan ke keranjang, Kak."
REORDER_NOTHING = ("🔁 Maaf Kak, semua barang dari pesanan *{code}* sedang tidak tersedia, "
                   "jadi belum ada yang kami masukkan ke keranjang.")
REORDER_CHANGES = "Yang berubah dari pesanan sebelumnya:"
REORDER_SOLD_OUT = "• {name}: sedang habis, tidak kami masukkan"
REORDER_GONE = "• {name}: sudah tidak dijual, tidak kami masukkan"
REORDER_CAPPED = "• {name}: stok tinggal {stock}, kami masukkan {qty} (sebelumnya {was})"
REORDER_FULL = "• {name}: sudah ada {qty} di keranjang, sesuai stok"
HISTORY_NONE = "Kakak belum punya riwayat pesanan. Yuk lihat *katalog* 🛍️"
HISTORY_HEADER = "🧾 *Riwayat pesanan Kakak*"
HISTORY_LINE = "• *{code}* — {date} — {total} — {status}"
HISTORY_HINT = "\nTekan tombol untuk memesan lagi isi pesanan itu."
BTN_REORDER = "🔁 Pesan lagi {code}"
BTN_HISTORY = "🧾 Riwayat pesanan"
