-- POST /webhooks/twilio: WhatsApp messages as Twilio posts them (the samples inbound_text.json
-- and inbound_quick_reply_button.json), each with a fresh MessageSid and signed the way Twilio
-- signs: HMAC-SHA1 over the configured URL followed by every field name and value in name
-- order, keyed with the auth token, base64. The HMAC is OpenSSL's (wrk links libcrypto), called
-- through LuaJIT's FFI, so signing costs wrk microseconds and the server checks every one.
-- Request n is the next message of sender n % senders.
-- Arguments: first=N senders=N url=URL token=T account=AC... to=+62... service=MG...
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local ffi = require("ffi")

ffi.cdef [[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha1(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *md, unsigned int *md_len);
]]
local crypto = ffi.C
if not pcall(function() return crypto.EVP_sha1 end) then
  crypto = ffi.load("libcrypto.so.3")
end
local digest, digest_len = ffi.new("unsigned char[64]"), ffi.new("unsigned int[1]")

local function hmac_sha1(key, data)
  crypto.HMAC(crypto.EVP_sha1(), key, #key, data, #data, digest, digest_len)
  return ffi.string(digest, digest_len[0])
end

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(bytes)
  local out = {}
  for i = 1, #bytes, 3 do
    local a, b, c = bytes:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local chars = {}
    for j = 3, 0, -1 do
      local v = math.floor(n / 64 ^ j) % 64
      table.insert(chars, B64:sub(v + 1, v + 1))
    end
    if not b then chars[3], chars[4] = "=", "=" elseif not c then chars[4] = "=" end
    table.insert(out, table.concat(chars))
  end
  return table.concat(out)
end

local function form_escape(value)
  return (value:gsub("[^%w%-%._~ ]", function(ch) return string.format("%%%02X", ch:byte()) end):gsub(" ", "+"))
end

-- What people type (numbers pick from the numbered lists), and one quick-reply button press.
local SCRIPT = {
  { body = "halo kak \240\159\153\143" },
  { body = "katalog" },
  { body = "1" },
  { body = "1" },
  { button = "cart", body = "Keranjang" },
  { body = "pesan 2 kripik pedes sama 1 sambel bawang" },
  { body = "1" },
  { body = "keranjang" },
  { body = "cari nastar keju" },
  { body = "menu" },
}
local NAMES = { "Siti Rahayu", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Rina Wati", "Eko Prasetyo" }

local senders, url, token, account, to, service = 1000

function init(args)
  common.parse(args)
  senders = common.num("senders", senders)
  url, token, account = common.opts.url, common.opts.token, common.opts.account
  to, service = common.opts.to, common.opts.service
end

wrk.method = "POST"

function request()
  local n = common.next()
  local k, turn = n % senders, math.floor(n / senders)
  local step = SCRIPT[(turn + k) % #SCRIPT + 1]
  local number = string.format("+62812%08d", 10000000 + k)
  local sid = string.format("SM%08x%024d", 0x5a1eb0, n)
  -- In the order Twilio sends them (the samples); signed in name order below.
  local fields = {
    { "SmsMessageSid", sid }, { "NumMedia", "0" }, { "ProfileName", NAMES[k % #NAMES + 1] },
    { "MessageType", step.button and "button" or "text" }, { "SmsSid", sid }, { "WaId", number:sub(2) },
    { "SmsStatus", "received" }, { "Body", step.body }, { "To", "whatsapp:" .. to }, { "NumSegments", "1" },
    { "ReferralNumMedia", "0" }, { "MessageSid", sid }, { "AccountSid", account },
    { "From", "whatsapp:" .. number }, { "ApiVersion", "2010-04-01" }, { "MessagingServiceSid", service },
  }
  if step.button then
    table.insert(fields, { "ButtonPayload", step.button })
    table.insert(fields, { "ButtonText", step.body })
    table.insert(fields, { "OriginalRepliedMessageSender", "whatsapp:" .. to })
    table.insert(fields, { "OriginalRepliedMessageSid", string.format("SM%08x%024d", 0x0b0001, n) })
  end
  local encoded, names = {}, {}
  for i, field in ipairs(fields) do
    encoded[i] = field[1] .. "=" .. form_escape(field[2])
    names[i] = field
  end
  table.sort(names, function(a, b) return a[1] < b[1] end)
  local signed = { url }
  for _, field in ipairs(names) do
    signed[#signed + 1] = field[1] .. field[2]
  end
  local headers = {  -- wrk.format takes these instead of wrk.headers (Host aside)
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["User-Agent"] = "TwilioProxy/1.1",
    ["X-Home-Region"] = "us1",
    ["X-Twilio-Signature"] = base64(hmac_sha1(token, table.concat(signed))),
    ["I-Twilio-Idempotency-Token"] = string.format("b3c0ffee-0000-4000-8000-%012d", n),
  }
  return wrk.format(nil, "/webhooks/twilio", headers, table.concat(encoded, "&"))
end
