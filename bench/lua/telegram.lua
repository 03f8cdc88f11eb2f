-- POST /webhooks/telegram: updates shaped like Telegram's (the samples private_text.json and
-- callback_query_inline_keyboard.json), with the secret-token header. Request n is the next
-- step of chat n % chats (see common.lua), so many people browse at once and each walks the conversation in
-- order; update_id (the engine's dedupe key) is unique on the server across runs.
-- Arguments: first=N chats=N chat_base=N bot_id=N secret=S
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local chats, chat_base, bot_id = 1000, 7100000000, 7012345678

-- Texts typed, and buttons pressed (callback data as the bot's keyboards carry it; "@" marks
-- a button on a page message, which the reply replaces in place).
local SCRIPT = {
  { text = "halo kak \240\159\153\143" },
  { data = "catalog", on = "Halo Kak! Selamat datang di Dapur Bu Sri." },
  { data = "@c:1:0", on = "Kategori di Dapur Bu Sri, Kak. Pilih salah satu:" },
  { data = "p:KRP-TMP", on = "Keripik (halaman 1 dari 1). Pilih produk untuk lihat detail." },
  { data = "a:KRP-TMP:1", on = "Keripik Tempe 150g" },
  { text = "pesan 2 kripik pedes sama 1 sambel bawang" },
  { text = "1" },
  { text = "keranjang" },
  { text = "cari nastar keju" },
  { text = "menu" },
}
local NAMES = { "Siti", "Budi", "Dewi", "Agus", "Rina", "Wahyu", "Putri", "Eko" }

function init(args)
  common.parse(args)
  chats = common.num("chats", chats)
  chat_base = common.num("chat_base", chat_base)
  bot_id = common.num("bot_id", bot_id)
  wrk.headers["X-Telegram-Bot-Api-Secret-Token"] = common.opts.secret
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local function person(k, chat)
  local first = NAMES[k % #NAMES + 1]
  local from = string.format('{"id":%d,"is_bot":false,"first_name":"%s","last_name":"Pelanggan %d",' ..
    '"username":"pelanggan%d","language_code":"id"}', chat, first, k, k)
  local room = string.format('{"id":%d,"first_name":"%s","last_name":"Pelanggan %d","username":"pelanggan%d",' ..
    '"type":"private"}', chat, first, k, k)
  return from, room
end

function request()
  local n = common.next()
  local k, turn = n % chats, math.floor(n / chats)
  local chat = chat_base + k
  local step = SCRIPT[(turn + k) % #SCRIPT + 1]
  local update_id, message_id, now = 100000000 + n, 2 * turn + 2, os.time()
  local from, room = person(k, chat)
  local body
  if step.text then
    body = string.format('{"update_id":%d,"message":{"message_id":%d,"from":%s,"chat":%s,"date":%d,"text":"%s"}}',
      update_id, message_id, from, room, now, step.text)
  else
    local pressed = string.format('{"message_id":%d,"from":{"id":%d,"is_bot":true,"first_name":"Toko Batik Sekar",' ..
      '"username":"tokobatiksekar_bot"},"chat":%s,"date":%d,"text":"%s","reply_markup":{"inline_keyboard":' ..
      '[[{"text":"Pilih","callback_data":"%s"}]]}}', message_id - 1, bot_id, room, now - 2, step.on, step.data)
    body = string.format('{"update_id":%d,"callback_query":{"id":"%d%d","from":%s,"message":%s,' ..
      '"chat_instance":"-77889900%d","data":"%s"}}', update_id, chat, n, from, pressed, k, step.data)
  end
  return wrk.format(nil, "/webhooks/telegram", nil, body)
end
