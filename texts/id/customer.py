"""Everything a customer reads, in Indonesian. Placeholders are str.format fields.

Keep the tone friendly ("Kak"), short lines, and always say what to type next.
"""

# Menu and buttons
BTN_CATALOG = "🛍️ Katalog"
BTN_SEARCH = "🔎 Cari produk"
BTN_CART = "🧺 Keranjang"
BTN_MY_ORDERS = "📦 Pesanan saya"
BTN_HELP = "❓ Bantuan"
BTN_MENU = "🏠 Menu"
BTN_BACK = "« Kembali"
BTN_PREV = "« Sebelumnya"
BTN_NEXT = "Berikutnya »"
BTN_ADD = "+{qty}"
BTN_OTHER_QTY = "Jumlah lain"
BTN_CHECKOUT = "✅ Checkout"
BTN_CONTINUE = "🛍️ Lanjut belanja"
BTN_EMPTY_CART = "🗑️ Kosongkan"
BTN_CHANGE_QTY = "✏️ Ubah jumlah"
BTN_REMOVE = "❌ Hapus {name}"
BTN_DELIVERY = "🛵 Diantar"
BTN_PICKUP = "🏪 Ambil sendiri"
BTN_SKIP = "Lewati"
BTN_CONFIRM = "✅ Pesan sekarang"
BTN_CANCEL = "❌ Batal"
BTN_EDIT = "✏️ Ubah"
BTN_ZONE = "{name} ({fee})"
BTN_PAY_BANK = "🏦 Transfer bank"
BTN_PAY_QRIS = "📱 QRIS"
BTN_PAY_COD = "💵 Bayar di tempat (COD)"
BTN_PRODUCT = "{name} — {price}"
BTN_CATEGORY = "{name} ({count})"

GREETING_ADDRESS = "📍 {address}\n"  # each line only when the shop has said it (a new shop has not yet)
GREETING_HOURS = "🕒 {hours}\n"
GREETING = (
    "Halo {kak}! 👋 Selamat datang di *{shop}*.\n"
    "{tagline}{address}{hours}\n"
    "Mau lihat katalog, cari produk, atau langsung ketik pesanan?\n"
    "Contoh: _pesan 2 {product} sama 1 {product2}_"
)
MENU = "Mau apa lagi, Kak? Pilih di bawah atau ketik saja, misalnya _cari {product}_."
HELP = (
    "Cara belanja di sini, Kak:\n"
    "• *katalog*: lihat semua produk per kategori\n"
    "• *cari {product}*: cari produk (salah ketik tidak apa-apa)\n"
    "• *pesan 2 {product} sama 1 {product2}*: langsung masuk keranjang\n"
    "• *keranjang*: lihat, ubah, atau checkout\n"
    "• *pesanan saya*: cek status pesanan\n"
    "• *pesan lagi*: pesan isi pesanan terakhir lagi; *riwayat pesanan*: semua pesanan Kakak\n"
    "• *batal*: keluar dari langkah sekarang (keranjang tetap aman)\n"
    "• *menu*: kembali ke menu utama"
)
CANCELLED_STEP = "Oke Kak, langkah tadi dibatalkan. Keranjang tetap aman. 🙂"
STALE_BUTTON = "Maaf Kak, tombol itu sudah tidak berlaku. Silakan pilih dari menu terbaru ya 🙏"
NOT_UNDERSTOOD = (
    "Maaf Kak, kami belum paham maksudnya 🙏\n"
    "Coba ketik nama produk (misalnya _{product}_), *katalog*, atau *bantuan*."
)
EMPTY_MESSAGE = "Pesannya kosong, Kak 🙂 Ketik *menu* untuk mulai, atau *bantuan* untuk contoh."
TOO_LONG = "Pesannya terlalu panjang, Kak ({length} huruf). Tolong kirim lebih singkat, maksimal 4.096 huruf ya."
EDIT_NOT_APPLIED = (
    "✏️ Pesan yang diedit belum bisa kami proses, Kak. "
    "Kirim ulang sebagai pesan baru ya, misalnya _pesan 2 {product}_."
)
# A message of polite words only ("misi kak", "makasih", "bu tumbas"): answered kindly, never searched.
POLITE_HELLO = "Iya Kak 🙏 Ada yang bisa kami bantu? Ketik nama produk (misalnya _{product}_), atau *katalog* untuk lihat semua."
POLITE_THANKS = "Sama-sama, Kak 🙏 Kalau perlu apa-apa lagi, ketik saja ya."
POLITE_ORDER = "Boleh, Kak 🙏 Mau pesan apa? Ketik nama dan jumlahnya, misalnya _pesan 2 {product}_."
EMOJI_ONLY = "{emoji} Terima kasih, Kak! Ketik *katalog* untuk lihat produk, atau *bantuan* kalau bingung."

# Catalog
CATEGORIES = "Kategori di {shop}, Kak. Pilih salah satu:"
NO_PRODUCTS = "Maaf Kak, katalog sedang kosong. Coba lagi nanti ya 🙏"
CATEGORY_PAGE = "*{category}* (halaman {page} dari {pages}). Pilih produk untuk lihat detail:"
CATEGORY_GONE = "Kategori itu sudah tidak ada, Kak. Ini kategori yang tersedia:"
PRODUCT_DETAIL = "*{name}*\n💰 {price}\n📦 {stock}\n{description}"
STOCK_LEFT = "Stok: {stock}"
STOCK_NONE = "Stok: habis 😢"
PRODUCT_ASK_QTY = "Mau pesan berapa, Kak? Pilih di bawah atau ketik jumlahnya (misal _3_ atau _tiga_)."
PRODUCT_GONE = "Maaf Kak, produk itu sudah tidak tersedia. Coba lihat *katalog* ya."
ASK_QTY = "Mau berapa *{name}*, Kak? Ketik jumlahnya, misal _2_ atau _dua_. (Stok {stock})"
ASK_SEARCH = "Mau cari apa, Kak? Ketik nama produknya, misal _{product}_ atau _{product2}_."
SEARCH_RESULTS = "Ini yang cocok dengan “{query}”, Kak. Pilih salah satu:"
SEARCH_NONE = "Maaf Kak, kami belum jual “{query}” 🙏 Coba kata lain, atau lihat *katalog* untuk semua produk kami{seller}."
# Honest "did you mean": what the shop does not sell is said plainly, with no far-off product offered.
NOT_SOLD_SELLER = ", atau pilih *Tanya penjual* untuk menanyakannya ke penjual di chat ini"
NOT_SOLD_SELLER_PHONE = " (atau di {phone})"
PICK_ONE = "“{query}” yang mana, Kak? Pilih salah satu:"

# Products with options (sizes, colours, levels, weights)
PRICE_RANGE = "{low}–{high}"
BTN_OPTION = "{label} — {price}"
BTN_OTHER_OPTIONS = "« Pilihan lain"
FAMILY_DETAIL = "*{name}*\n💰 {price}\n{options}\n{description}"
FAMILY_OPTION_LINE = "• {label} — {price} ({stock})"
OPTION_STOCK = "stok {stock}"
OPTION_SOLD_OUT = "habis"
FAMILY_ASK = "Mau yang mana, Kak? Pilih di bawah atau ketik, misal _{example}_."
PICK_OPTION = "*{name}* yang mana, Kak? Pilih salah satu:"
PICK_OPTION_QTY = "*{name}* yang mana, Kak? ({qty} pcs) Pilih salah satu:"
OPTION_MISSING = "Maaf Kak, *{name}* tidak ada {asked}. Adanya: {options}."
OPTION_NONE_LEFT = "Maaf Kak, semua pilihan *{name}* sedang habis 😢 Coba produk lain di *katalog* ya."

# Quantities
QTY_NOT_NUMBER = "Jumlahnya belum kebaca, Kak. Ketik angka saja, misal _2_ atau _dua_."
QTY_NOT_POSITIVE = "Jumlahnya minimal 1 ya, Kak. Ketik misal _1_ atau _2_."
QTY_TOO_MANY = "Maaf Kak, stok *{name}* tinggal {stock}. Ketik jumlah {stock} atau kurang ya."
QTY_SOLD_OUT = "Maaf Kak, *{name}* sedang habis 😢 Coba produk lain di *katalog* ya."
QTY_LIMIT = ("Wah banyak sekali, Kak 😄 Maksimal {limit} per produk lewat chat. Untuk pesanan besar, pilih "
             "*Tanya penjual*, nanti kami sambungkan ke penjual di chat ini.")

# Cart
ADDED = "✅ {qty} × {name} masuk keranjang.\n🧺 Keranjang: {count} produk, subtotal {subtotal}."
CART_EMPTY = "Keranjang masih kosong, Kak. Yuk lihat *katalog* dulu 🛍️"
CART_HEADER = "🧺 *Keranjang Kakak*"
CART_LINE = "{n}. {name}\n    {qty} × {price} = {total}"
CART_SUBTOTAL = "Subtotal: *{subtotal}*"
# The cart's own line numbers are how to change one (its buttons are not numbered on WhatsApp).
CART_EDIT_HINT = "✏️ Ubah jumlah: ketik misal _nomor {n} jadi 2_, atau _hapus nomor {n}_."
CART_DROPPED = "⚠️ *{name}* sudah tidak tersedia, jadi dikeluarkan dari keranjang."
CART_CLAMPED = "⚠️ Stok *{name}* tinggal {stock}, jumlahnya disesuaikan."
CART_EMPTIED = "Keranjang sudah dikosongkan, Kak."
CART_REMOVED = "*{name}* dihapus dari keranjang."
CART_PICK_CHANGE = "Produk mana yang mau diubah jumlahnya, Kak?"
CART_ASK_NEW_QTY = "Jadi berapa *{name}*, Kak? Ketik jumlah baru (0 untuk hapus)."
# Cart edits typed as text ("keripiknya jadi 3", "hapus sambal"): each says what changed.
EDIT_SET = "✏️ *{name}*: {before} → {after}"
EDIT_REMOVED = "🗑️ *{name}* ({qty}) dihapus dari keranjang."
EDIT_SWAPPED = "🔁 *{old}* ({qty}) diganti *{new}* ({qty})."
EDIT_EMPTIED = "🗑️ Keranjang dikosongkan: {names} dihapus."
EDIT_NOT_IN_CART = "“{words}” tidak ada di keranjang, Kak. Keranjang tidak diubah."
EDIT_NO_LINE = "Keranjang tidak punya nomor {line}, Kak. Keranjang tidak diubah."
EDIT_WHICH = "“{words}” yang mana, Kak? Ada beberapa di keranjang. Keranjang belum diubah."
EDIT_WHICH_LINE = "Yang mana, Kak? Ada beberapa di keranjang. Keranjang belum diubah."
EDIT_SWAP_UNKNOWN = "“{words}” belum ketemu untuk mengganti *{name}*, Kak. Keranjang tidak diubah."
CART_UPDATED = "Jumlah *{name}* sekarang {qty}."
ORDER_PARSED_NONE = "Maaf Kak, kami belum jual {names} 🙏 Coba ketik nama lain atau lihat *katalog*."

# Checkout
ASK_NAME = "Pesanan atas nama siapa, Kak?"
NAME_INVALID = "Namanya belum kebaca, Kak. Ketik nama saja ya, misal _Siti_."
ASK_FULFILMENT = "Pesanannya mau diantar atau diambil sendiri, Kak?"
FULFILMENT_INVALID = "Pilih *diantar* atau *ambil sendiri* ya, Kak."
ASK_ADDRESS = "Kirim alamat lengkapnya ya, Kak (jalan, nomor, RT/RW, kelurahan), atau bagikan lokasi 📍."
ASK_KNOWN_ADDRESS = ("📍 Kirim ke alamat ini, Kak?\n{address}\n\n"
                     "Pilih *Ya* kalau sudah benar, atau ketik alamat lain (bisa juga bagikan lokasi 📍).")
BTN_USE_ADDRESS = "✅ Ya, ke alamat ini"
BTN_OTHER_ADDRESS = "✏️ Alamat lain"
ADDRESS_TOO_SHORT = "Alamatnya terlalu singkat, Kak. Tolong tulis lengkap: jalan, nomor rumah, kelurahan/kecamatan."
ASK_ZONE = "Alamatnya masuk area mana, Kak? Ongkirnya beda per area:"
ZONE_INVALID = "Pilih salah satu area di bawah ya, Kak."
ZONE_SET = "Area {zone}, ongkir {fee}."
ASK_NOTE = "Ada catatan untuk penjual, Kak? (misal _tolong dibungkus rapi_). Kalau tidak ada, pilih *Lewati*."
ASK_PAYMENT = "Mau bayar pakai apa, Kak?"
PAYMENT_INVALID = "Pilih salah satu cara bayar di bawah ya, Kak."
NO_PAYMENT_METHODS = ("Maaf Kak, toko belum mengatur cara bayar 🙏 Pilih *Tanya penjual*, nanti kami sambungkan ke "
                      "penjual di chat ini. Keranjang Kakak tetap tersimpan.")
SUMMARY = (
    "📝 *Ringkasan pesanan*\n{lines}\n\n"
    "Subtotal: {subtotal}\n{fee_line}"
    "*Total: {total}*\n\n"
    "👤 {name}\n{fulfilment}\n{note}💳 {payment}\n\n"
    "Sudah benar, Kak? Pilih *Pesan sekarang* untuk konfirmasi."
)
SUMMARY_LINE = "• {qty} × {name} = {total}"
SUMMARY_FEE = "Ongkir ({zone}): {fee}\n"
SUMMARY_DELIVERY = "🛵 Diantar ke: {address}"
SUMMARY_PICKUP = "🏪 Ambil sendiri di: {address}"
SUMMARY_NOTE = "🗒️ Catatan: {note}\n"
CONFIRM_INVALID = "Ketik *ya* untuk pesan, atau pilih *Ubah* / *Batal*, Kak."
PAYMENT_LABELS = {"bank_transfer": "Transfer bank", "qris": "QRIS", "cod": "Bayar di tempat (COD)"}

# After confirm
ORDER_PLACED = (
    "🎉 Terima kasih, {kak}! Pesanan *{code}* sudah kami terima.\n"
    "Total: *{total}*"
)
PAY_BANK = (
    "🏦 Silakan transfer *tepat {total}* ke:\n"
    "{bank} {account_number}\na.n. {account_holder}\n"
    "{unique_note}"
    "Batas bayar: {pay_by}.\n"
    "Setelah transfer, kirim foto bukti transfernya di sini ya, Kak."
)
PAY_UNIQUE_NOTE = "(3 angka terakhir {unique_code} adalah kode unik, supaya transfer Kakak cepat dikenali.)\n"
PAY_QRIS = (
    "📱 Scan QRIS di atas dan bayar *tepat {total}*.\n"
    "Batas bayar: {pay_by}.\nSetelah bayar, kirim screenshot buktinya di sini ya, Kak."
)
PAY_QRIS_EXACT = (
    "📱 Scan QRIS di atas: nominalnya sudah *{total}*, tinggal bayar.\n"
    "{unique_note}Batas bayar: {pay_by}.\nSetelah bayar, kirim screenshot buktinya di sini ya, Kak."
)
PAY_QRIS_UNIQUE_NOTE = "(3 angka terakhir {unique_code} adalah kode unik, supaya pembayaran Kakak cepat dikenali.)\n"
QRIS_FILE = "QRIS-{code}.png"
PAY_COD = "💵 Bayar *{total}* tunai saat pesanan {when}. Penjual akan segera memproses pesanannya. 🙏"
COD_DELIVERY = "diterima"
COD_PICKUP = "diambil"
SOLD_OUT_AT_CONFIRM = (
    "Maaf Kak, stok berubah sebelum pesanan dibuat 🙏\n{lines}\n"
    "Pesanan *belum* dibuat. Keranjang sudah disesuaikan, silakan cek lagi."
)
SHORTAGE_LINE = "• {name}: tersisa {stock}, diminta {qty}"

# My orders
MY_ORDERS_NONE = "Kakak belum punya pesanan. Yuk lihat *katalog* 🛍️"
MY_ORDERS_HEADER = "📦 *Pesanan Kakak*"
MY_ORDERS_LINE = "• *{code}* — {status} — {total}\n   {created}"
STATUS_LABELS = {
    "pending_payment": "menunggu pembayaran",
    "paid": "sudah dibayar",
    "processing": "sedang diproses",
    "shipped": "sedang dikirim",
    "completed": "selesai",
    "cancelled": "dibatalkan",
    "expired": "kedaluwarsa (tidak dibayar)",
    "awaiting_quote": "menunggu ongkir dari penjual",
    "quoted": "menunggu persetujuan ongkir",
}

# Seller notification of a new order
ASK_CONTACT = "📱 Boleh bagikan nomor Kakak untuk penjual dan kurir? Tekan tombol di bawah, atau lewati saja."
CONTACT_THANKS = "📱 Terima kasih, nomor Kakak sudah kami simpan untuk penjual dan kurir."
SELLER_BUYER_PHONE = " · 📞 {phone} ({wa})"
SELLER_BUYER_CHANNEL = " · 💬 lewat {channel} (nomor belum dibagikan)"
SELLER_NEW_ORDER = (
    "🛎️ *Pesanan baru {code}*\n{lines}\nTotal: *{total}* ({payment})\n"
    "👤 {name}{phone}\n{fulfilment}\n{note}"
)
