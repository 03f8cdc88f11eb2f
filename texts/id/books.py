"""The shop's books in Indonesian: report headings and rows, category names, the chart's
caption, and the QRIS messages. Documents go to banks, so the wording is plain and formal
("Laporan Keuangan", not chat style); definitions match docs/BOOKS.md."""

CATEGORY = {
    "barang": "Penjualan barang",
    "diskon": "Diskon",
    "ongkir": "Ongkos kirim",
    "kode_unik": "Kode unik transfer",
    "pesanan": "Piutang pesanan",
    "bahan_baku": "Bahan baku",
    "operasional": "Operasional",
    "gaji": "Gaji & upah",
    "sewa": "Sewa",
    "transport": "Transport",
    "modal": "Modal masuk",
    "prive": "Prive (ambil pribadi)",
    "lainnya": "Lain-lain",
}
KIND = {
    "sale": "Penjualan",
    "receivable": "Piutang",
    "expense": "Pengeluaran",
    "income": "Pemasukan lain",
    "capital": "Modal",
    "drawing": "Prive",
}
CHANNEL = {"whatsapp": "WhatsApp", "telegram": "Telegram", "other": "Lainnya"}
STATUS = {
    "pending_payment": "Menunggu pembayaran",
    "paid": "Dibayar",
    "processing": "Diproses",
    "shipped": "Dikirim",
    "completed": "Selesai",
    "cancelled": "Dibatalkan",
    "expired": "Kedaluwarsa",
    "awaiting_quote": "Menunggu ongkir",
    "quoted": "Menunggu persetujuan ongkir",
}

# The document
TITLE = "Laporan Keuangan"
TITLE_MONTH = "Laporan Keuangan Bulanan"
PERIOD = "Periode"
MADE_AT = "Dibuat"
BASIS = ("Disusun dari catatan transaksi toko di Kedai. Penjualan dicatat saat uangnya diterima; "
         "pengeluaran dicatat saat dibayar. Semua angka dalam Rupiah.")
FOOTER = "{shop} - {title} {period}"
PAGE = "Halaman {page} dari {pages}"

SUMMARY_NET_SALES = "Penjualan bersih"
SUMMARY_PROFIT = "Laba (rugi) bersih"
SUMMARY_CASH = "Kas & bank akhir"
SUMMARY_RECEIVABLES = "Piutang"

PL = "1. Laba Rugi"
PL_REVENUE = "Pendapatan"
PL_GOODS = "Penjualan barang"
PL_DISCOUNT = "Dikurangi: diskon"
PL_REFUNDS = "Dikurangi: pesanan dibatalkan (dana dikembalikan)"
PL_NET_SALES = "Penjualan bersih (omzet)"
PL_DELIVERY = "Ongkos kirim diterima"
PL_UNIQUE = "Kode unik transfer"
PL_OTHER_INCOME = "Pendapatan lain-lain"
PL_TOTAL_REVENUE = "Jumlah pendapatan"
PL_COGS = "Harga pokok penjualan (bahan baku)"
PL_GROSS = "Laba kotor"
PL_EXPENSES = "Beban usaha"
PL_TOTAL_EXPENSES = "Jumlah beban usaha"
PL_NET = "Laba (rugi) bersih"

CASH = "2. Arus Kas"
CASH_OPENING = "Kas & bank awal periode"
CASH_IN = "Kas masuk"
CASH_FROM_SALES = "Penerimaan dari pesanan"
CASH_OTHER_INCOME = "Pendapatan lain-lain"
CASH_CAPITAL = "Modal masuk"
CASH_TOTAL_IN = "Jumlah kas masuk"
CASH_OUT = "Kas keluar"
CASH_REFUNDS = "Pengembalian dana pesanan batal"
CASH_RAW = "Pembelian bahan baku"
CASH_DRAWINGS = "Prive (ambil pribadi)"
CASH_TOTAL_OUT = "Jumlah kas keluar"
CASH_CLOSING = "Kas & bank akhir periode"

POSITION = "3. Posisi Keuangan per {day}"
POS_ASSETS = "Aset"
POS_CASH = "Kas & bank"
POS_RECEIVABLES = "Piutang usaha ({orders} pesanan belum dibayar)"
POS_STOCK = "Persediaan barang, harga pokok"
POS_STOCK_UNKNOWN = "tidak diketahui"
POS_STOCK_NOTE = ("Persediaan dinilai dari stok saat laporan dibuat dan harga pokok yang dicatat; "
                  "{unknown} produk berstok belum punya harga pokok.")
POS_STOCK_NOTE_ALL = "Persediaan dinilai dari stok saat laporan dibuat dan harga pokok yang dicatat."
POS_TOTAL_ASSETS = "Jumlah aset"
POS_EQUITY = "Modal pemilik"
POS_CAPITAL = "Modal disetor"
POS_DRAWINGS = "Dikurangi: prive"
POS_RETAINED = "Laba (rugi) sampai akhir periode"
POS_TOTAL_EQUITY = "Jumlah modal pemilik"
POS_NOTE = ("Penjualan dicatat saat dibayar dan bahan baku saat dibeli, sehingga modal pemilik sama dengan "
            "kas & bank; piutang dan persediaan ditampilkan sebagai informasi.")

CHANNELS = "4. Penjualan per Saluran"
CH_HEAD = ("Saluran", "Pesanan dibayar", "Penjualan bersih", "Porsi")
TOP = "5. Produk Terlaris"
TOP_HEAD = ("No", "Produk", "SKU", "Jumlah", "Nilai")
TOP_NONE = "Belum ada penjualan pada periode ini."
STATUSES = "6. Pesanan per Status"
ST_HEAD = ("Status saat ini", "Pesanan", "Nilai")
ST_NOTE = "Pesanan yang dibuat pada periode ini, menurut statusnya saat laporan dibuat."
ST_NONE = "Tidak ada pesanan pada periode ini."
TOTAL = "Jumlah"
SIGN_PLACE_DATE = "................, {day}"
SIGN_ROLE = "Pemilik usaha"
SIGN_NAME = "(..................................)"

# CSV / XLSX rows: (section, item, amount)
SHEET_HEAD = ("Bagian", "Pos", "Jumlah (Rp)")
SHEET_TITLE = "Laporan"
SHEET_TOP = "Produk terlaris"
SHEET_CHANNELS = "Saluran"
SHEET_STATUSES = "Status pesanan"
SHEET_DAILY = "Penjualan harian"
DAILY_HEAD = ("Tanggal", "Penjualan bersih (Rp)")

# The sales chart
CHART_TITLE = "Penjualan bersih per hari"
PDF_CHART = "Penjualan bersih per hari (jumlah {total})"
CHART_THOUSANDS = "rb"
CHART_MILLIONS = "jt"
CHART_CAPTION = ("📈 Penjualan {period}: {total} dalam {days} hari. "
                 "Hari terbaik {best_day} ({best_amount}).")
CHART_CAPTION_EMPTY = "📈 Belum ada penjualan yang dibayar pada {period}."

# Refusals of books.entries, keyed by EntryRefused.reason
REFUSED = {
    "category": "Kategori itu tidak bisa dipakai untuk catatan ini, Kak.",
    "amount": "Jumlahnya harus lebih dari Rp0, Kak.",
    "missing": "Catatan itu tidak ada, Kak.",
    "order": "Catatan dari pesanan ikut pesanannya, Kak: batalkan pesanannya bila perlu.",
    "reversal": "Catatan pembatalan tidak bisa diubah lagi, Kak.",
    "reversed": "Catatan itu sudah dibatalkan, Kak.",
}

# QRIS
QRIS_REFUSED = {
    "crc": "Kode QRIS-nya rusak (cek CRC tidak cocok), Kak. Coba kirim ulang foto atau teks QRIS-nya.",
    "format": "Itu bukan kode QRIS yang bisa kami baca, Kak.",
    "amount": "Nominal QRIS-nya tidak bisa dipakai, Kak (harus lebih dari Rp0).",
    "no_qr": "Kami tidak menemukan kode QR di gambar itu, Kak. Coba foto lebih dekat dan terang.",
}
