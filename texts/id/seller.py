"""Everything a seller reads, in Indonesian. Placeholders are str.format fields.

Sellers are often older and new to bots: short lines, always an example of what to type,
every change shown as before -> after with the way back ("batalkan").
"""

HELP = (
    "🧑‍🍳 *Menu Penjual {shop}*\n"
    "Ketik saja seperti ngobrol, salah ketik tidak apa-apa. Contoh:\n\n"
    "{setup}"
    "📦 *Stok*\n"
    "• stok {product} 20\n• stok +10 {product2}\n• {low} habis\n• stok {low} tinggal 5\n• cek stok\n\n"
    "💰 *Harga*\n"
    "• harga {product} 25rb\n• harga {product2} naik 2rb\n\n"
    "🆕 *Produk*\n"
    "• produk baru Nama Barang 35rb stok 10\n• produk baru (ditanya satu per satu)\n"
    "• produk baru Nama Barang M/L/XL 185rb stok 5/5/3 (pilihan ukuran, rasa, level)\n"
    "• kirim foto dengan keterangan nama produknya\n• sembunyikan {low} / tampilkan {low}\n"
    "• batas stok {product} 3 (peringatan stok menipis)\n\n"
    "🧾 *Pesanan*: pesanan hari ini · belum bayar · perlu dikirim\n"
    "• {code} (lihat) · lunas {code} · tolak {code} alasannya\n"
    "• proses {code} · kirim {code} JNE resi · selesai {code} · batal {code}\n"
    "• ongkir {code} 25rb jne (pesanan dengan ongkir menyusul)\n\n"
    "📊 *Rekap*: rekap · rekap kemarin · rekap minggu ini\n"
    "📒 *Keuangan*: beli gas 25rb · gaji karyawan 1,5jt · modal masuk 2jt · catatan keuangan\n"
    "🏷️ *Promo*: promo · promo baru · broadcast baru · broadcast laporan\n"
    "• kirim promo ke yang pernah beli {product} tapi 30 hari tidak\n"
    "🎟️ *Stempel*: setiap 10 pesanan dapat potongan 20rb · program stempel · stempel stop\n"
    "{staff}"
    "\n↩️ Salah ubah? Ketik *batalkan* tepat setelahnya.\n"
    "🛍️ Mau lihat toko seperti pembeli? Ketik *katalog*."
)
HELP_STAFF_OWNER = (
    "👥 *Staf*: undang staf · daftar staf · hapus staf Budi\n"
    "🏪 *Toko*: info toko · atur toko · ganti alamat … · ganti jam buka … · rekening baru … · ongkir Sleman 15rb "
    "· serahkan toko\n"
)
BTN_STOCK = "📦 Cek stok"
BTN_TODAY = "🧾 Pesanan hari ini"
BTN_RECAP = "📊 Rekap"

# Finding the product
NOT_FOUND = "Produk “{query}” tidak ketemu, Kak 🙏 Cek nama yang ada dengan *cek stok*."
NOT_FOUND_NEW = ("Produk “{query}” belum ada di toko, Kak 🙏 Kalau ini produk baru, ketik _{example}_.\n"
                 "Kalau sudah ada dengan nama lain, cek namanya dengan *cek stok*.")
NO_PRODUCT = "Produknya yang mana, Kak? Tulis namanya juga, misal _{example}_."
PICK = "“{query}” ada beberapa, Kak. Yang mana?"
BTN_PICK = "{name} ({value})"
HIDDEN_MARK = " 🙈"

# Stock and price changes
CHANGED = "✅ {what} *{name}*: {before} → {after}"
WHAT_STOCK = "Stok"
WHAT_PRICE = "Harga"
WHAT_THRESHOLD = "Batas stok menipis"
WHAT_VISIBLE = "Katalog"
WHAT_IMAGE = "Foto"
UNDO_HINT = "Salah? Ketik *batalkan*."
# Several products in one message ("stok: nastar 5, kastengel 3"): all together, or none.
MANY_WHICH = "“{query}” ada beberapa, Kak: {names}. Yang mana? Tulis lengkap ya, misal _stok {example} 5_. Tidak ada yang diubah."
MANY_NOT_FOUND = "Produk “{query}” tidak ketemu, Kak 🙏 Tidak ada yang diubah. Cek nama yang ada dengan *cek stok*."
MANY_REFUSED = "{problem} Tidak ada yang diubah, Kak."
MANY_SAME = "• *{name}*: tetap {value}"
BTN_ALL_OPTIONS = "Semua pilihan ({labels})"
ALL_CHANGED = "✅ {what} semua pilihan *{name}*:"
ALL_LINE = "• {option}: {before} → {after}"
ALL_SAME = "• {option}: tetap {value}"
ALL_HINT = "Salah satu keliru? Kirim lagi untuk pilihan itu saja, misal _{example}_."
ALL_PRICE_SLIP = ("Harga *{name}* sekarang {before}; {after} jauh sekali dari itu, Kak. Tidak ada yang diubah. "
                  "Tulis harga lengkapnya, misal _165rb_, atau ubah satu per satu.")
ALL_FAILED = "⚠️ *{name}* tidak diubah: {what}nya berubah dulu (sekarang {now})."
MANY_HINT = "Salah satu keliru? Kirim lagi stok yang benar untuk produk itu."
MANY_FAILED = "⚠️ *{name}* tidak diubah: stoknya berubah dulu (sekarang {now})."
LOW_AFTER_CHANGE = "⚠️ Stok {name} tinggal {stock} (batas {threshold})."
SOLD_OUT_AFTER_CHANGE = "🚫 Pembeli melihat {name} habis sampai stoknya diisi lagi."
SAME_VALUE = "{what} *{name}* memang sudah {value}, Kak. Tidak ada yang diubah."
SHOW_STOCK = (
    "📦 *{name}*\nStok: {stock} · Harga: {price}{hidden}\n"
    "Ubah stok: _stok {short} 20_ · harga: _harga {short} 25rb_"
)
HIDDEN_NOTE = "\n🙈 Sedang disembunyikan dari katalog."
VISIBLE_YES = "tampil"
VISIBLE_NO = "disembunyikan"
ALREADY_HIDDEN = "*{name}* memang sudah disembunyikan, Kak."
ALREADY_SHOWN = "*{name}* memang sudah tampil di katalog, Kak."
SHOWN_WITH_NO_STOCK = "ℹ️ Stoknya 0, jadi pembeli melihatnya habis. Isi dengan _stok {short} 10_."

# Refusals: nothing changed
PROBLEMS = {
    "two_numbers": (
        "Ada dua angka, Kak, jadi kami tidak berani mengubah. Kirim satu per satu ya, misal _stok {short} 20_."
    ),
    "not_whole": "Angkanya harus bulat, Kak, misal _stok {short} 3_.",
    "money_for_stock": "Stok itu jumlah barang, Kak, bukan rupiah. Kalau mau ubah harga: _harga {short} 20rb_.",
    "percent": "Maaf Kak, naik/turun pakai persen belum bisa. Tulis rupiahnya, misal _harga {short} naik 2rb_.",
    "negative": "Stok dan harga tidak bisa minus, Kak. Tidak ada yang diubah. Kalau mau mengurangi: _stok {short} kurang 3_.",
    "empty_and_number": "Habis atau {amount}, Kak? Kirim _{short} habis_ atau _stok {short} {amount}_.",
}
STOCK_NOT_ENOUGH = "Stok *{name}* cuma {stock}, Kak, tidak bisa dikurangi {amount}. Tidak ada yang diubah."
STOCK_TOO_MANY = "Stok {amount} kebanyakan, Kak (maksimal {limit}). Tidak ada yang diubah."
PRICE_NOT_POSITIVE = "Harga harus lebih dari Rp0, Kak. Harga *{name}* tetap {price}."
PRICE_TOO_HIGH = "Harga {amount} terlalu besar, Kak. Tidak ada yang diubah."
PRICE_BELOW_ZERO = "Harga *{name}* {price}, tidak bisa turun {amount}. Tidak ada yang diubah."

# Confirmations before a change that looks like a slip
CONFIRM_THOUSANDS = "Maksudnya harga *{name}* jadi *{after}* (sekarang {before})?"
# Read back in words, so a misreading shows: "naik JADI Rp130.000, dari Rp125.000".
CONFIRM_BIG_PRICE = "Harga *{name}* berubah banyak: {way} JADI *{after}*, dari {before}. Yakin, Kak?"
# "naik jadi 20rb" while the price is Rp25.000: the words and the number disagree.
CONFIRM_WRONG_WAY = "Harga *{name}* sekarang {before}; {after} berarti {way}, bukan {said}. Yakin ubah JADI *{after}*, Kak?"
BTN_YES = "✅ Ya, ubah"
BTN_NO = "❌ Jangan"
CONFIRM_DROPPED = "Oke Kak, tidak jadi. Harga *{name}* tetap {price}."
# "keripik tempe 30": only a product and a number, so asked first (a seller may be shopping too)
CONFIRM_STOCK = "Maksudnya stok *{name}* jadi *{after}* (sekarang {before}), Kak?"
CONFIRM_DROPPED_STOCK = "Oke Kak, tidak jadi. Stok *{name}* tetap {stock}."
EXPIRED = "Pertanyaan tadi sudah lewat, Kak. Kirim ulang perintahnya ya."
FLOW_CANCELLED = "Oke Kak, dibatalkan. Tidak ada yang diubah."

# Undo
UNDONE = "↩️ Dibatalkan. {what} *{name}* kembali {value}."
UNDONE_NEW = "↩️ Produk baru *{name}* dihapus lagi."
UNDO_NEW_SOLD = "*{name}* sudah ada yang pesan, jadi tidak bisa dihapus. Sembunyikan saja: _sembunyikan {short}_."
PRODUCT_GONE = "Produk *{name}* sudah tidak ada, Kak. Tidak ada yang diubah."
NOTHING_TO_UNDO = "Tidak ada perubahan yang bisa dibatalkan, Kak. *batalkan* hanya berlaku tepat setelah mengubah."
CHANGED_MEANWHILE = (
    "⚠️ {what} *{name}* baru saja berubah (sekarang {now}), mungkin ada pesanan masuk. "
    "Tidak ada yang diubah; kirim ulang kalau masih perlu."
)

# New product
NEW_ASK_NAME = "Nama produk barunya apa, Kak? (ketik *batal* untuk berhenti)"
NEW_ASK_PRICE = "Harga *{name}* berapa, Kak? Misal _35rb_ atau _35.000_."
NEW_ASK_STOCK = "Stoknya ada berapa, Kak? Misal _10_."
NEW_ASK_CATEGORY = "Masuk kategori apa, Kak? Pilih atau ketik nama kategori baru."
NEW_BAD_NAME = "Namanya terlalu pendek atau panjang, Kak. Tulis nama produknya saja (2 sampai 100 huruf)."
NEW_BAD_PRICE = "Harganya belum kebaca, Kak. Ketik misal _35rb_ atau _35.000_."
NEW_BAD_STOCK = "Stoknya belum kebaca, Kak. Ketik angka saja, misal _10_ atau _0_."
NEW_EXISTS = "Produk *{name}* sudah ada, Kak. Ubah saja stok atau harganya, misal _stok {short} 10_."
NEW_CREATED = "✅ Produk baru: *{name}*\n💰 {price} · 📦 stok {stock} · 🗂️ {category}\nSudah tampil di katalog."
NEW_CREATED_OPTIONS = "✅ Produk baru: *{name}* · 🗂️ {category}\n{lines}\nSudah tampil di katalog."
NEW_OPTION_LINE = "• {label} — {price} · 📦 stok {stock}"
NEW_ASK_PRICE_OPTIONS = (
    "Harga *{name}* berapa, Kak? Satu harga untuk semua, misal _185rb_, atau per pilihan berurutan "
    "({options}), misal _185rb/195rb_."
)
NEW_ASK_STOCK_OPTIONS = "Stok tiap pilihan berapa, Kak? Tulis berurutan ({options}), misal _5/5/3_, atau satu angka untuk semua."
BTN_OTHER_CATEGORY = "Lainnya"
OTHER_CATEGORY = "Lainnya"

# Photos
PHOTO_ASK_PRODUCT = "Foto ini untuk produk apa, Kak? Ketik namanya (atau *batal*)."
PHOTO_NOT_FOUND = ("Produk “{query}” belum ada di toko, Kak 🙏 Kalau ini produk baru, ketik nama, harga dan stoknya "
                   "untuk foto ini, misal _{example}_. Kalau untuk produk yang sudah ada, ketik namanya (atau *batal*).")
PHOTO_UNUSABLE = {
    "type": "Maaf Kak, file itu bukan foto yang bisa kami pakai. Kirim fotonya sebagai gambar (JPG/PNG), ya.",
    "too_large": "Maaf Kak, fotonya terlalu besar (maks. 5 MB). Kirim yang lebih kecil, ya.",
    "unavailable": "Maaf Kak, fotonya tidak berhasil kami ambil. Coba kirim sekali lagi, ya.",
}
PHOTO_SET = "🖼️ Foto *{name}* disimpan. Pembeli melihatnya di detail produk."

# Lists
STOCK_LIST_HEADER = "📦 *Stok* (yang menipis di atas)"
STOCK_LINE = "{mark} {name}: {stock}{hidden}"
STOCK_MORE = "…dan {count} produk lain."
STOCK_EMPTY_CATALOG = "Belum ada produk, Kak. Tambah dengan _produk baru Nama Barang 35rb stok 10_, atau kirim foto produk dengan keterangan itu."
ORDERS_HEADER = {"today": "🧾 *Pesanan hari ini*", "unpaid": "⏳ *Belum dibayar*", "to_ship": "🛵 *Perlu dikirim*"}
ORDERS_NONE = {"today": "Belum ada pesanan hari ini, Kak.", "unpaid": "Semua pesanan sudah dibayar, Kak 👍",
               "to_ship": "Tidak ada pesanan yang menunggu dikirim, Kak 👍"}
# "brp pesanan hari ini?": the day's count and money first, then the orders with their status.
TODAY_ANSWER = (
    "🧾 *Pesanan hari ini* ({date}): *{orders} pesanan*, {items} barang.\n"
    "💰 Sudah dibayar (omzet): {revenue}\n"
    "⏳ Belum dibayar: {unpaid_orders} pesanan ({unpaid_total})\n"
    "📌 Status: {statuses}"
)
TODAY_STATUS = "{count} {status}"
TODAY_MORE = "… dan {count} pesanan lain. Ketik *rekap* untuk ringkasan lengkapnya."
ORDER_LINE = "• *{code}* {name} — {total} ({status})\n   {items}"
ORDER_ITEM = "{qty}× {name}"
STATUS = {"pending_payment": "belum bayar", "paid": "lunas", "processing": "diproses", "shipped": "dikirim",
          "completed": "selesai", "cancelled": "batal", "expired": "kedaluwarsa", "awaiting_quote": "perlu ongkir",
          "quoted": "ongkir menunggu pembeli"}

# Recap
RECAP = (
    "📊 *Rekap {period}*\n"
    "🧾 Pesanan: {orders}\n📦 Barang terjual: {items}\n💰 Omzet: {revenue}\n"
    "   _(penjualan barang yang sudah dibayar, setelah diskon; tanpa ongkir, kode unik, dan pesanan belum bayar)_\n"
    "⏳ Belum dibayar: {unpaid_orders} pesanan ({unpaid_total})\n"
    "{low}"
)
RECAP_LOW = "⚠️ Stok menipis: {items}\n"
RECAP_LOW_NONE = "✅ Tidak ada stok yang menipis.\n"
RECAP_COMPLAINTS = "⚠️ Komplain terbuka: {count} (ketik *antrian*)\n"
RECAP_TODAY = "hari ini, {date}"
RECAP_YESTERDAY = "kemarin, {date}"
RECAP_WEEK = "minggu ini, {start} – {end}"
RECAP_MONTH = "bulan ini, {start} – {end}"
RECAP_DAILY = "hari ini, {date}"
RECAP_UNKNOWN = "Rekap yang bisa, Kak: *rekap* (hari ini), *rekap kemarin*, *rekap minggu ini*, *rekap bulan ini*."

# Staff
NOT_OWNER = "Maaf Kak, urusan staf hanya bisa oleh pemilik toko."
INVITE_CREATED = (
    "🔑 Kode undangan staf: *{code}*\n"
    "Minta staf mengirim pesan *gabung {code}* ke bot ini dari HP-nya. "
    "Kode hanya bisa dipakai sekali dan berlaku sampai {expires}."
)
JOINED = "🎉 Selamat bergabung, {kak}! Kakak sekarang staf {shop}. Ketik *bantuan* untuk melihat perintah penjual."
JOINED_NOTICE = "👥 {name} sudah bergabung sebagai staf lewat kode undangan."
STAFF_HEADER = "👥 *Penjual {shop}*"
STAFF_LINE = "{n}. {name} — {role} ({channel})"
ROLE = {"owner": "pemilik", "staff": "staf"}
STAFF_REMOVE_HINT = "Hapus staf: _hapus staf {example}_ · Undang: _undang staf_"
STAFF_NOT_FOUND = "Staf “{query}” tidak ada, Kak. Lihat daftarnya dengan *daftar staf*."
STAFF_CANNOT_REMOVE_OWNER = "{name} adalah pemilik, Kak; pemilik hanya bisa diubah lewat pengaturan toko."
STAFF_REMOVED = "✅ {name} bukan staf lagi. Pesannya sekarang dianggap pembeli biasa."
STAFF_WHICH = "Staf yang mana, Kak? Ketik _hapus staf_ dan namanya atau nomornya di *daftar staf*."

# Alerts to sellers
LOW_STOCK_ALERT = "⚠️ Stok *{name}* tinggal {stock} (batas {threshold}). Isi lagi dengan _stok {short} 20_."
SOLD_OUT_ALERT = "🚫 *{name}* habis. Pembeli tidak bisa memesan sampai stok diisi: _stok {short} 20_."

# A message no seller command takes, and shopping as a buyer
UNKNOWN = "Maaf Kak, “{text}” belum kami kenal sebagai perintah penjual 🙏"
UNKNOWN_NEAR = "Mungkin maksudnya:\n{lines}"
UNKNOWN_LINE = "• {example}"
UNKNOWN_MORE = "Ketik *menu* untuk semua perintah. Mau belanja sebagai pembeli? Ketik *mode pembeli*."
BUYER_MODE_ON = (
    "🛍️ *Mode pembeli* aktif, Kak: pesan Kakak sekarang dibaca seperti pesan pembeli (katalog, keranjang, checkout).\n"
    "Perintah penjual seperti _lunas {code}_ tetap jalan. Ketik *mode penjual* untuk kembali."
)
BUYER_MODE_OFF = "🧑‍🍳 Kembali ke *mode penjual*, Kak. Keranjang Kakak tetap tersimpan."
BTN_BUYER_CATALOG = "🛍️ Katalog"
BTN_BUYER_SEARCH = "🔎 Cari produk"
BTN_BUYER_CART = "🧺 Keranjang"
