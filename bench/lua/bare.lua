-- POST /bare: the reference endpoint (bench/bare_app.py), a fresh message_id per request.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local users = 1000

function init(args)
  common.parse(args)
  users = common.num("users", users)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  local n = common.next()
  local body = string.format('{"user":"bench-%d","message_id":"m%d","text":"halo"}', n % users, n)
  return wrk.format(nil, "/bare", nil, body)
end
