"""What the simulator's HTTP endpoints answer when they refuse a request (for the person
trying Kedai out, so in Indonesian and English)."""

LOCAL_ONLY = ("Simulator hanya melayani permintaan langsung dari komputer ini (localhost, tanpa proxy). "
              "/ The simulator answers only direct requests from this machine (localhost, no proxy).")
JSON_ONLY = "Kirim pesan sebagai JSON (Content-Type: application/json). / Send the message as JSON."
UNKNOWN_SHOP = "Toko “{shop}” tidak ada atau sudah tutup. / No open shop “{shop}” here."
NO_SHOP_YET = ("Belum ada toko: buat dengan `kedai shop new --name NAMA`. "
               "/ No shop yet: create one with `kedai shop new --name NAME`.")
DOCUMENT_LINK = "\n📎 {name}: {url}"
