"""Telegram's command menu (the "/" button), in Indonesian. Each command reads as its word."""

COMMANDS = [
    ("start", "Mulai dan menu utama"),
    ("katalog", "Lihat produk per kategori"),
    ("keranjang", "Lihat, ubah, atau checkout keranjang"),
    ("pesanan", "Cek status pesanan"),
    ("bantuan", "Cara belanja di sini"),
    ("batal", "Keluar dari langkah sekarang"),
]

SHARE_CONTACT = "📱 Bagikan nomor saya"
