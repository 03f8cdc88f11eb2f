"""What the simulator's HTTP endpoints answer when they refuse a request (for the person
trying Kedai out, so in Indonesian and English)."""

LOCAL_ONLY = ("Simulator hanya melayani permintaan langsung dari komputer ini (localhost, tanpa proxy). "
              "/ The simulator answers only direct requests from this machine (localhost, no proxy).")
JSON_ONLY = "Kirim pesan sebagai JSON (Content-Type: application/json). / Send the message as JSON."
UNKNOWN_SHOP = "Toko “{shop}” tidak ada atau sudah tutup. / No open shop “{shop}” here."
NO_SHOP_YET = ("Belum ada toko: buat dengan `kedai shop new --name NAMA`. "
               "/ No shop yet: create one with `kedai shop new --name NAME`.")
IMAGE_ONLY = "Kirim foto sebagai gambar (Content-Type: image/jpeg, image/png, …). / Send the photo as an image."
IMAGE_REFUSED = {
    "type": "Itu bukan foto yang bisa kami baca (JPG, PNG, GIF, WebP). / That is not a picture we can read.",
    "too_large": "Fotonya terlalu besar (maks. 5 MB). / The photo is too large (5 MB at most).",
}
DOCUMENT_LINK = "\n📎 {name}: {url}"
