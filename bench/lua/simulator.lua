-- POST /api/simulator/messages: people browsing, one step each per request; request n goes
-- to person n % users, so the 16 connections are never waiting on one person's turn.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local users = 1000

-- The simulator bench's browsing conversation (bench_simulator.SCRIPT), as JSON fields.
local SCRIPT = {
  '"text":"halo"', '"choice":"catalog"', '"choice":"c:1:0"', '"choice":"p:KRP-TMP"',
  '"text":"cari nastar keju"', '"text":"menu"',
}

function init(args)
  common.parse(args)
  users = common.num("users", users)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  local n = common.next()
  local user, turn = n % users, math.floor(n / users)
  local body = string.format('{"user":"sim-%d","message_id":"s%d",%s}', user, n, SCRIPT[(turn + user) % #SCRIPT + 1])
  return wrk.format(nil, "/api/simulator/messages", nil, body)
end
