"""Cash on delivery: where a shop takes it (the zones it delivers to itself, and pickup)."""

COD_NOT_HERE = ("💵 COD (bayar di tempat) hanya untuk {areas}, Kak. Untuk pengiriman ke *{where}* "
                "pilih cara bayar lain ya.")
COD_ONLY_WAY = ("Maaf Kak, toko ini hanya menerima COD, dan COD belum bisa untuk alamat ini 🙏 "
                "Pilih *Ubah* untuk ambil sendiri atau kirim ke alamat lain, atau *Batal*.")
COD_PICKUP = "ambil sendiri di toko"
# Answer to "cod bisa?" when COD is taken only in some places.
COD_WHERE = "Bisa COD (bayar di tempat) untuk {areas}, Kak 👍 Untuk {outside}, bayarnya transfer/QRIS dulu ya."
