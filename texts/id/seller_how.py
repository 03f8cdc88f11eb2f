"""A seller asking how ("caranya gimana?"): a short answer about what they asked, or what the
open question wants. Every answer ends with what to type next."""

HOW = {
    "new_product": ("🆕 *Menambah produk*, Kak:\n"
                    "• ketik _produk baru Nama Barang 35rb stok 10_\n"
                    "• atau ketik _produk baru_ saja, nanti kami tanya satu per satu\n"
                    "• ada foto? kirim fotonya dengan keterangan _Nama Barang 35rb stok 10_"),
    "photo": ("📷 *Foto produk*, Kak: kirim fotonya di chat ini dengan keterangan (caption) nama produknya, "
              "misal _{product}_. Produk baru juga bisa: _Nama Barang 35rb stok 10_ sebagai keterangan foto."),
    "price": ("💰 *Mengubah harga*, Kak: ketik _harga {product} 25rb_, atau _harga {product2} naik 2rb_. "
              "Salah ketik nama tidak apa-apa, nanti kami tanya yang mana."),
    "stock": "📦 *Mengubah stok*, Kak: ketik _stok {product} 20_, _stok +10 {product2}_, atau _{low} habis_. "
             "Lihat semua stok: _cek stok_.",
    "books": ("📒 *Laporan & pembukuan*, Kak:\n"
              "• _rekap_ (hari ini), _rekap minggu ini_\n"
              "• _laporan bulan ini_: laporan keuangan PDF, siap untuk bank/koperasi\n"
              "• catat pengeluaran seperti ngobrol: _beli gas 25rb_, _gaji karyawan 1,5jt_\n"
              "• _catatan keuangan_: semua yang sudah dicatat"),
    "orders": ("🧾 *Pesanan*, Kak:\n"
               "• _pesanan hari ini_, _belum bayar_, _perlu dikirim_\n"
               "• sudah dibayar: _lunas {code}_ · dikirim: _kirim {code} JNE resinya_ · beres: _selesai {code}_"),
    "delivery": "🛵 *Ongkir*, Kak: ketik _ongkir Sleman, Bantul 15rb_ (nama area lalu ongkirnya). Lihat: _pengiriman_.",
}
HOW_MORE = "\n\nKetik *menu* untuk semua perintah."
# The bot had asked something; the seller asked how to answer it.
IN_STEP = "🙂 {hint}\nAtau ketik *batal* untuk berhenti (tidak ada yang berubah)."
STEP_HINTS = {
    "seller_products:new_name": "Ketik nama produk barunya saja, tanpa harga dan stok (itu kami tanya sesudahnya).",
    "seller_products:new_price": "Ketik harganya saja, misal _35rb_ atau _35.000_.",
    "seller_products:new_stock": "Ketik jumlah stoknya saja, misal _10_.",
    "seller_products:new_category": "Pilih salah satu kategori di atas, atau ketik nama kategori baru, misal _Kemeja_.",
    "seller_products:photo": "Ketik nama produk untuk foto tadi, misal _{product}_.",
    "seller_stock:pick": "Pilih salah satu produk di atas, atau ketik nomornya, misal _1_.",
    "seller_stock:confirm": "Ketik *ya* kalau harganya memang itu, atau *tidak* kalau salah ketik.",
    "seller_orders:reason": "Ketik alasan buktinya ditolak, misal _nominal kurang_.",
    "seller_orders:fee": "Ketik ongkirnya dan kurirnya, misal _25rb jne_.",
}
STEP_HINT = "Jawab pertanyaan kami di atas ya, Kak."
# A seller's "ok", "ya", "makasih" after the bot answered: chat, not an unknown command.
THANKS = "Sama-sama, Kak 🙏 Ketik *menu* kalau perlu perintah lain."
ACK = "Siap, Kak 👍 Ketik *menu* kalau perlu perintah lain."
