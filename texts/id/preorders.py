"""Daily quotas, "habis hari ini", pre-orders, the batch list and orders outside opening hours."""

# The seller's commands.
QUOTA_SET = ("✅ Kuota harian *{name}*: {quota} per hari (mulai lagi tiap tengah malam).\n"
             "Stok tidak dipakai lagi untuk {name}: kami terima pesanan sampai kuotanya habis tiap hari.")
QUOTA_REMOVED = "✅ Kuota harian *{name}* dihapus. Pesanan kembali mengikuti stok ({stock})."
QUOTA_NONE = "Kak, *{name}* memang tidak punya kuota harian."
QUOTA_BAD = "Kuotanya berapa, Kak? Contoh: _kuota harian {short} 10_ (atau _kuota harian {short} hapus_)."
QUOTA_TOO_MANY = "Kuota {amount} terlalu besar, Kak. Paling banyak {limit} per hari."
SOLD_OUT_TODAY = ("✅ *{name}* habis untuk hari ini ({day}). Besok otomatis dijual lagi, Kak.\n"
                  "Ada lagi hari ini? Ketik _{short} ada lagi_.")
ALREADY_SOLD_OUT = "*{name}* sudah ditandai habis hari ini, Kak."
BACK_ON_SALE = "✅ *{name}* dijual lagi hari ini."
NOT_SOLD_OUT = "*{name}* tidak sedang ditandai habis hari ini, Kak."
PO_WINDOW_SET = ("✅ *{name}* sekarang PO: pesanan dibuka sampai *{closes}*, dikirim *{delivery}*.\n"
                 "Pembeli melihat: _PO, dikirim {delivery}_.")
PO_DAYS_SET = ("✅ *{name}* sekarang PO: pembeli pesan paling lambat {days} hari sebelumnya "
               "(misal _po {short} untuk besok_).")
PO_STOPPED = "✅ PO *{name}* ditutup. {name} kembali dijual seperti biasa (stok {stock})."
PO_NONE = "Kak, *{name}* sedang tidak PO."
PO_BAD = ("Maaf Kak, tanggalnya belum kami pahami. Contoh: _PO {short}, tutup 20 Maret, kirim 25 Maret_ "
          "atau _PO {short}_ (pesan H-1).")
PO_ORDER_AFTER = "Tanggal kirim ({delivery}) harus sesudah tanggal tutup PO ({closes}), Kak."
PO_PAST = "Tanggal {day} sudah lewat, Kak. Tulis tanggal yang akan datang ya."
NOT_FOUND = "Kami tidak menemukan produk *{query}*, Kak. Cek nama di _daftar stok_."
CHANGED_MEANWHILE = "Maaf Kak, *{name}* baru saja diubah orang lain. Coba lagi ya."

# The batch list.
BATCH_HEAD = "🧑‍🍳 *Daftar masak* (pesanan yang belum dikirim, termasuk yang belum dibayar):"
BATCH_DAY = "\n*{day}*"
BATCH_LINE = "• {qty}× {name}"
BATCH_EMPTY = "Belum ada pesanan untuk dimasak {when}, Kak."
BATCH_FROM_TODAY = "mulai hari ini"
BATCH_ON = "untuk {day}"

# What customers see.
PO_LABEL = "PO, dikirim {day}"
PO_DAYS_LABEL = "PO, pesan paling lambat H-{days}"
QUOTA_LEFT = "Sisa hari ini: {left}"
SOLD_OUT_TODAY_LABEL = "Habis hari ini, besok ada lagi"
PO_CLOSED = "Maaf Kak, PO *{name}* sudah tutup {day}."
PO_TOO_SOON = "Maaf Kak, *{name}* harus dipesan lebih awal: paling cepat untuk {day}."
PO_TWO_DAYS = "Maaf Kak, produk PO dengan tanggal kirim berbeda ({days}) dipesan terpisah ya."
ASK_QTY = "Mau berapa *{name}*, Kak? Ketik jumlahnya, misal _2_ atau _dua_. ({label})"
FOR_DAY = "📅 Untuk tanggal *{day}*."
PREORDER_PROBLEM_CART = "Keranjang tetap tersimpan. Ketik _keranjang_ untuk mengubahnya."

# Orders outside opening hours.
CLOSED_TAKEN = "🕘 Toko sedang tutup. Pesanan Kakak kami proses saat buka: *{when}*."
CLOSED_REFUSED = ("🕘 Maaf Kak, toko sedang tutup dan tidak menerima pesanan sekarang. "
                  "Kami buka lagi *{when}*; keranjang Kakak tetap tersimpan.")
SELLER_HANDLE_AT = "\n🕘 Masuk saat toko tutup: diproses {when}."
SELLER_DELIVER_ON = "\n📅 Dikirim: {day}."
