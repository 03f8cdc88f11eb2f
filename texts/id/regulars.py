"""What a regular customer reads: ordering the same again, past orders, reviews, loyalty stamps."""

# Re-order ("pesan lagi") and the order history ("riwayat pesanan").
REORDER_NONE = "Kakak belum pernah pesan di sini, jadi belum ada yang bisa dipesan lagi. Yuk lihat *katalog* 🛍️"
REORDER_NOT_FOUND = "Pesanan *{code}* tidak kami temukan, Kak."
REORDER_ALREADY = ("🧺 Isi pesanan *{code}* sudah ada di keranjang, Kak, jadi tidak kami tambah lagi. "
                   "Pilih *Checkout* untuk lanjut, atau *Ubah jumlah* kalau mau lebih banyak.")
REORDER_ADDED = "🔁 Isi pesanan *{code}* sudah kami masukkan ke keranjang, Kak."
REORDER_NOTHING = ("🔁 Maaf Kak, semua barang dari pesanan *{code}* sedang tidak tersedia, "
                   "jadi belum ada yang kami masukkan ke keranjang.")
REORDER_CHANGES = "Yang berbeda dari pesanan sebelumnya:"
REORDER_SOLD_OUT = "• {name}: sedang habis, tidak kami masukkan"
REORDER_GONE = "• {name}: sudah tidak dijual, tidak kami masukkan"
REORDER_CAPPED = "• {name}: stok tinggal {stock}, kami masukkan {qty} (sebelumnya {was})"
REORDER_LEFT_OUT = "• {name}: tidak kami masukkan, sesuai permintaan"
REORDER_SET = "• {name}: jadi {qty}, sesuai permintaan"
REORDER_ADDED_MORE = "• {name}: ditambah {qty}"
REORDER_UNCLEAR = "• “{text}”: belum kami pahami, silakan ubah di keranjang ya"
REORDER_FULL = "• {name}: sudah ada {qty} di keranjang, sesuai stok"
HISTORY_NONE = "Kakak belum punya riwayat pesanan. Yuk lihat *katalog* 🛍️"
HISTORY_HEADER = "🧾 *Riwayat pesanan Kakak*"
HISTORY_LINE = "• *{code}* — {date} — {total} — {status}"
HISTORY_HINT = "\nPilih *Pesan lagi* di bawah untuk memesan lagi isi pesanan itu."
BTN_REORDER = "🔁 Pesan lagi {code}"
BTN_HISTORY = "🧾 Riwayat pesanan"

# Reviews: asked once after a completed order; the seller told and may reply once.
REVIEW_ASK = ("Halo {kak}! 🙏 Terima kasih sudah belanja di *{shop}*. Pesanan *{code}* sudah selesai.\n"
              "Boleh minta nilainya, Kak? Pilih 1 sampai 5 bintang ya ⭐")
REVIEW_STARS = "⭐" * 5
REVIEW_THANKS = "Terima kasih atas nilainya, Kak ({stars}) 🙏"
REVIEW_THANKS_LOW = "Terima kasih sudah jujur, Kak ({stars}). Mohon maaf belum memuaskan 🙏 Penjual kami kabari sekarang."
REVIEW_ASK_COMMENT = "Mau menambahkan komentar? Tulis saja di sini, atau pilih *Lewati*."
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

# Loyalty: the shop's rule by chat, a customer's stamps, the reward at checkout.
REWARD_NAME = "Hadiah stempel 🎁"
CARD_NONE = "Maaf Kak, toko ini belum punya program stempel. 🙏"
CARD = ("🎟️ *Stempel Kakak*: {balance} dari {needed}\n{bar}\n"
        "Aturannya: {rule}.")
CARD_MISSING = "Kurang {missing} stempel lagi untuk dapat potongan {reward}. Semangat! 😊"
CARD_READY = "🎁 Kakak sudah bisa dapat potongan *{reward}*! Otomatis dipakai di checkout berikutnya."
CARD_HINT = "Stempel dihitung dari pesanan yang sudah selesai."
RULE_ORDERS = "setiap {needed} pesanan selesai dapat potongan {reward}"
RULE_SPEND = "setiap belanja {per_stamp} dapat 1 stempel, {needed} stempel dapat potongan {reward}"
# The seller.
SELLER_RULE_SAVED = ("✅ Program stempel disimpan: {rule}.\nPelanggan bisa cek dengan *stempel saya*; potongannya otomatis "
                     "dipakai di checkout. Ketik *stempel stop* untuk menghentikan.")
SELLER_RULE_STOPPED = "Program stempel dihentikan. Stempel pelanggan tetap tersimpan kalau nanti diaktifkan lagi."
SELLER_RULE_NONE = ("Belum ada program stempel. Contoh: *setiap 10 pesanan dapat potongan 20rb*, atau "
                    "*tiap belanja 50rb dapat 1 stempel, 10 stempel potongan 25rb*.")
SELLER_RULE_SHOW = "🎟️ Program stempel: {rule}. Ketik *stempel stop* untuk menghentikan."
SELLER_RULE_BAD_NEEDED = "Jumlah stempel/pesanan untuk hadiah harus 1 sampai 100, Kak."
SELLER_RULE_BAD_REWARD = "Potongannya minimal Rp1.000, Kak. Contoh: *setiap 10 pesanan dapat potongan 20rb*."
SELLER_RULE_BAD_PER = "Belanja per stempel minimal Rp1.000, Kak. Contoh: *tiap belanja 50rb dapat 1 stempel, 10 stempel potongan 25rb*."

# Personal offers: a broadcast to who bought something before but not lately.
SEGMENT_LAPSED = " tapi tidak membelinya lagi {days} hari terakhir"
ASK_OFFER_TEXT = ("📣 Pesan ini untuk pelanggan {who}.\n"
                  "Tulis pesannya, Kak (boleh kirim foto dengan keterangan). Pakai {{nama}} untuk nama pelanggan.\n"
                  "Contoh: _Halo {{nama}}! Kangen {product}? Minggu ini ada potongan khusus lho_ 😊")
OFFER_UNKNOWN = "Produk _{text}_ tidak kami temukan di katalog. Coba tulis nama produknya, misalnya: {example}"
OFFER_DAYS_INVALID = "Jumlah harinya 1 sampai 3650 ya."
