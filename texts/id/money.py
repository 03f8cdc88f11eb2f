"""What a seller reads when telling us about the shop's money by chat: an expense recorded,
its category changed, the list of the last entries, a correction. Category names come from
texts.id.books.CATEGORY, so chat and reports name them alike."""

# What kind of money an entry is, in a sentence.
KIND = {
    "expense": "pengeluaran",
    "income": "pemasukan lain",
    "capital": "modal masuk",
    "drawing": "ambil pribadi (prive)",
}

RECORDED = "✅ Dicatat: {kind} *{amount}*{when} — {note}\nKategori: *{category}*{guess}"
RECORDED_YESTERDAY = " (kemarin)"
GUESSED = " (tebakan kami)"
RECEIPT_KEPT = "📎 Foto nota disimpan bersama catatan ini."
RECEIPT_LOST = "Foto notanya tidak bisa kami simpan, Kak; catatannya tetap masuk."
CHANGE_HINT = ("Kategori salah? Balas satu kata: _bahan_, _operasional_, _gaji_, _sewa_, _transport_, _modal_, "
               "_prive_ atau _lainnya_. Salah catat? Ketik *batalkan*.")
NO_NOTE = "(tanpa keterangan)"

CATEGORY_CHANGED = "✏️ Kategori diganti: {before} → *{after}* ({amount} — {note})\nSalah? Ketik *batalkan*."
AMOUNT_CHANGED = "✏️ Jumlah diganti: {before} → *{after}* ({category} — {note})\nSalah? Ketik *batalkan*."
SAME_CATEGORY = "Kategorinya memang sudah *{category}*, Kak."
SAME_AMOUNT = "Jumlahnya memang sudah *{amount}*, Kak."
WRONG_WAY_IN = ("Ini catatan uang *masuk*, Kak, jadi kategorinya hanya bisa _modal_ atau _lainnya_. "
                "Kalau sebenarnya uang keluar, ketik *batalkan* lalu catat ulang, misal _beli gas 25rb_.")
WRONG_WAY_OUT = ("Ini catatan uang *keluar*, Kak, jadi tidak bisa jadi _modal_. Kalau sebenarnya uang masuk, "
                 "ketik *batalkan* lalu catat ulang, misal _modal masuk 2jt_.")

UNDONE = "↩️ Dibatalkan: {kind} {amount} — {note} tidak lagi dihitung."
UNDONE_CHANGE = "↩️ Dibatalkan: kembali {value} ({note})."

LIST_HEAD = "📒 *Catatan keuangan terakhir*"
LIST_LINE = "{n}. {day} · {category} · {amount} — {note}{receipt}"
LIST_RECEIPT = " 📎"
LIST_FOOT = ("Ubah: _ubah {n} gaji_ atau _ubah {n} 30rb_. Hapus: _hapus {n}_.\n"
             "Laporan lengkap: ketik *laporan bulan ini*.")
LIST_EMPTY = ("Belum ada catatan keuangan, Kak. Catat pengeluaran cukup dengan kalimat biasa, misal "
              "_beli gas 25rb_, _gaji karyawan 1,5jt_ atau _modal masuk 2jt_.")
LIST_NO_SUCH = "Catatan nomor {n} tidak ada di daftar, Kak. Ketik *catatan keuangan* untuk melihat daftarnya."
EDIT_WHAT = "Mau diubah jadi apa, Kak? Misal _ubah {n} gaji_ (kategori) atau _ubah {n} 30rb_ (jumlah)."
DELETED = "🗑️ Catatan dihapus: {category} {amount} — {note}.\nKalau salah hapus, catat ulang saja."
AMOUNT_TOO_BIG = "Jumlahnya terlalu besar, Kak ({amount}). Cek lagi angkanya ya."

# Reports and charts by chat (conversations.seller.reports)
REPORT_CAPTION = ("📄 *Laporan Keuangan {shop}*, {period}\n"
                  "Isi: laba rugi, arus kas, posisi keuangan, penjualan per saluran, produk terlaris, "
                  "pesanan per status. Siap diteruskan ke bank atau koperasi.\n"
                  "Omzet = penjualan barang yang sudah dibayar, setelah diskon; tanpa ongkir, kode unik, "
                  "dan pesanan belum bayar.")
REPORT_FUTURE = "Laporan {period} belum bisa dibuat, Kak: bulannya belum mulai."
REPORT_TOO_OLD = "Laporan yang bisa dibuat mulai tahun 2000, Kak. Contoh: _laporan Oktober_ atau _laporan bulan lalu_."
REPORT_FILE = "Laporan-Keuangan-{month}.pdf"
CHART_FILE = "Grafik-Penjualan-{first}-{last}.png"
PERIOD_MONTH = "{month}"
PERIOD_THIS_MONTH = "bulan ini ({month})"
PERIOD_LAST_MONTH = "bulan lalu ({month})"
PERIOD_WEEK = "7 hari terakhir"
