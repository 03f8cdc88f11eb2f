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

# Reviews: asked once after a completed order; the seller told and may reply once.
REVIEW_ASK = ("Halo Kak{name}! 🙏 Terima kasih sudah belanja di *{shop}*. Pesanan *{code}* sudah selesai.\n"
              "Boleh minta nilainya, Kak? Pilih 1 sampai 5 bintang ya ⭐")
REVIEW_STARS = "⭐" * 5
REVIEW_THANKS = "Terima kasih atas nilainya, Kak ({stars}) 🙏"
REVIEW_THANKS_LOW = "Terima kasih sudah jujur, Kak ({stars}). Mohon maaf belum memuaskan 🙏 Penjual kami kabari sekarang."
REVIEW_ASK_COMMENT = "Mau menambahkan komentar? Tulis saja di sini, atau tekan *Lewati*."
REVIEW_COMMENT_THANKS = "Komentarnya sudah kami sampaikan ke penjual. Terima kasih, Kak! 😊"
REVIEW_SKIPPED = "Siap, Kak. Terima kasih! 😊"
REVIEW_ALREADY = "Pesanan *{code}* sudah Kakak nilai sebelumnya. Terima kasih! 🙏"
REVIEW_NOT_FOUND = "Maaf Kak, pesanan *{code}* belum bisa dinilai."
REVIEW_COMMENT_TOO_LONG = "Komentarnya kepanjangan, Kak ({length} huruf). Maksimal {limit} huruf ya."
BTN_SKIP_COMMENT = "Lewati"
# The product page.
PRODUCT_RATING = "\n⭐ {average} dari 5 ({count} ulasan)"
PRODUCT_RATING_COMMENT = "\n💬 “{comment}”"
# The seller.
SELLER_REVIEW = "⭐ *Ulasan baru* untuk pesanan *{code}* dari {customer}: {stars} ({rating}/5)"
SELLER_COMPLAINT = ("⚠️ *Keluhan pelanggan*: pesanan *{code}* dari {customer} dinilai {stars} ({rating}/5). "
                    "Mohon segera dihubungi ya.")
SELLER_REVIEW_COMMENT = "💬 Komentar {customer} untuk pesanan *{code}* ({rating}/5):\n“{comment}”"
BTN_REPLY_REVIEW = "↩️ Balas ulasan {code}"
SELLER_ASK_REPLY = "Tulis balasan untuk ulasan pesanan *{code}*. Balasan hanya bisa dikirim sekali. Ketik *batal* untuk batal."
SELLER_REPLY_SENT = "✅ Balasan untuk ulasan pesanan *{code}* sudah kami kirim ke pelanggan."
SELLER_REPLY_ALREADY = "Ulasan pesanan *{code}* sudah pernah dibalas; balasan hanya sekali."
SELLER_REPLY_NOT_FOUND = "Ulasan itu tidak kami temukan."
SELLER_REPLY_EMPTY = "Balasannya kosong. Tulis balasan untuk pelanggan, atau *batal*."
CUSTOMER_REVIEW_REPLY = "💬 Balasan *{shop}* untuk ulasan Kakak (pesanan *{code}*):\n“{reply}”"
