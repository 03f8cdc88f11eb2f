-- Shared by every bench script: how each wrk thread numbers its requests, and the JSON line
-- done() prints for bench/wrk.py (latency percentiles from wrk's own histogram, in µs).
--
-- Request n is from person n % people, their turn n // people; each person walks the script's
-- steps in order from their own starting step ((turn + person) % steps), so every step is in the
-- mix all the time (not all "halo" first, then all "katalog" ...).
--
-- A script starts with
--   local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
-- and calls common.parse(args) from its init(args); arguments come after `--` on wrk's
-- command line as name=value pairs.

local M = {}

M.opts = {}
M.first = 0
built = 0  -- requests this thread has built so far; a global, so done() can read it (thread:get)

function M.parse(args)
  for _, arg in ipairs(args) do
    local name, value = arg:match("^([%w_]+)=(.*)$")
    if name then M.opts[name] = value end
  end
  M.first = tonumber(M.opts.first or "0")
  return M.opts
end

-- The number of the next request: unique on one server across runs, because every run
-- starts where the previous one's requests ended (first=N).
function M.next()
  local n = M.first + built
  built = built + 1
  return n
end

function M.num(name, default)
  local value = M.opts[name]
  if value == nil then return default end
  return tonumber(value)
end

-- Every thread's state, so done() (which runs in wrk's main Lua state) can read the counters.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local PERCENTILES = { 50, 75, 90, 99, 99.9 }

function done(summary, latency, requests)
  local built = 0
  for _, thread in ipairs(threads) do
    built = built + (thread:get("built") or 0)
  end
  local pct = {}
  for _, p in ipairs(PERCENTILES) do
    table.insert(pct, string.format('"%s":%d', tostring(p), latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"built":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"max":%d,"mean":%.1f,"stdev":%.1f,"percentiles":{%s}}}\n',
    summary.requests, summary.duration, summary.bytes, built,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.max, latency.mean, latency.stdev, table.concat(pct, ",")))
end

return M
