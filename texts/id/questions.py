"""What a customer reads when they ask about the shop or a product (conversations.customer.questions)."""

# Opening hours
HOURS = "🕒 Jam buka *{shop}*: {hours}"
HOURS_UNKNOWN = "🕒 Jam buka *{shop}* belum dicantumkan penjual, Kak."
OPEN_NOW = "Sekarang kami sedang buka 🟢 (sampai pukul {until})."
OPEN_NOW_ALWAYS = "Kami buka 24 jam, Kak 🟢"
CLOSED_NOW = "Sekarang kami sedang tutup 🙏 Buka lagi {when}."
CLOSED_FOR_GOOD = "Sekarang kami sedang tutup 🙏"
DAY_OPEN = "Hari {day}: buka {spans}."
DAY_CLOSED = "Hari {day}: tutup (libur)."
WHEN_TODAY = "hari ini pukul {time}"
WHEN_TOMORROW = "besok pukul {time}"
WHEN_DAY = "hari {day} pukul {time}"
DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

# Address and contact
ADDRESS = "📍 Alamat *{shop}*: {address}"
ADDRESS_UNKNOWN = "📍 Alamat *{shop}* belum dicantumkan penjual, Kak."
MAPS = "🗺️ Peta: {url}"
CONTACT = "📞 Kontak *{shop}*: {phone}\n💬 WhatsApp: {wa}"
CONTACT_UNKNOWN = "📞 Nomor *{shop}* belum dicantumkan penjual, Kak. Tanya saja di sini, kami bantu 🙂"

# Payment
PAYMENT_METHODS = "💳 Pembayaran yang tersedia:\n{methods}"
PAYMENT_NONE = "💳 Metode pembayaran belum diatur penjual, Kak."
PAY_BANK = "• 🏦 Transfer {bank} {account} a.n. {holder}"
PAY_BANK_PLAIN = "• 🏦 Transfer bank"
PAY_QRIS = "• 📱 QRIS (bisa dibayar pakai GoPay, OVO, DANA, ShopeePay, atau m-banking)"
PAY_COD = "• 💵 Bayar di tempat (COD)"
PAY_YES = {"cod": "Bisa COD (bayar di tempat), Kak 👍", "qris": "Bisa bayar pakai QRIS, Kak 👍",
           "bank_transfer": "Bisa transfer bank, Kak 👍"}
PAY_NO = {"cod": "Maaf Kak, belum bisa COD (bayar di tempat) 🙏", "qris": "Maaf Kak, belum bisa bayar pakai QRIS 🙏",
          "bank_transfer": "Maaf Kak, belum bisa transfer bank 🙏"}

# Delivery fees
FEE_ZONE = "🛵 Ongkir ke {area} ({zone}): *{fee}*"
FEE_ZONE_QUOTED = "🛵 Ongkir ke {area} ({zone}) dihitung penjual setelah pesanan masuk (ongkir menyusul)."
FEE_OUTSIDE = "🛵 Ongkir ke {area} ({zone}): *{fee}*"
FEE_OUTSIDE_QUOTED = "🛵 Ke {area} bisa, Kak ({zone}): ongkirnya dihitung penjual setelah pesanan masuk (menyusul)."
FEE_NOT_SERVED = "Maaf Kak, kami belum kirim ke {area} 🙏"
FEE_LIST = "🛵 Ongkir kami:\n{lines}"
FEE_LINE = "• {zone}: {fee}"
FEE_LINE_QUOTED = "• {zone}: menyusul (dihitung penjual)"
FEE_LINE_AREAS = "• {zone} ({areas}): {fee}"
FEE_NONE = "🛵 Pengiriman belum diatur penjual, Kak."
FEE_PICKUP_FREE = "🏪 Ambil sendiri: gratis."

# Minimum order, pickup, delivery time
MINIMUM = "🧾 Minimal belanja *{amount}* (belum termasuk ongkir)."
MINIMUM_NONE = "🧾 Tidak ada minimal belanja, Kak. Beli satu pun boleh 🙂"
PICKUP = "🏪 Bisa ambil sendiri, Kak, di {address} (pada jam buka)."
PICKUP_NONE = "Maaf Kak, pesanan belum bisa diambil sendiri; kami kirim ke alamat Kakak 🛵"
DELIVERY_TIME = "⏱️ Lama pengiriman: {text}"
DELIVERY_TIME_UNKNOWN = "⏱️ Lama pengiriman belum dicantumkan penjual, Kak. Biasanya dikabari setelah pesanan diproses."

ASK_MORE = "Ada lagi yang mau ditanyakan, Kak? Atau ketik *katalog* untuk mulai belanja."

# Products
PRODUCT_READY = "Ada, Kak 👍 *{name}* {price}, stok {stock}."
PRODUCT_SOLD_OUT = "Maaf Kak, *{name}* sedang habis 😢"
FAMILY_READY = "Ada, Kak 👍 *{name}* tersedia: {options}."
FAMILY_SOLD_OUT = "Maaf Kak, *{name}* sedang habis semua 😢"
NOT_SOLD = "Maaf Kak, kami tidak menjual “{query}” 🙏 Coba lihat *katalog* untuk produk yang ada."

# The seller's own answers
FAQ_ANSWER = "💬 {answer}"
