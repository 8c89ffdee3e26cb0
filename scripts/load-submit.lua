-- wrk script for scripts/load-submit.sh: each request submits one complete response through a
-- personal invitation link (POST /r/TOKEN/envoi), each link used once. A 303 to /recu/… is the
-- acknowledgement that the response is committed to disk.
local tokens = {}
local body = ""
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  -- args: links file, body file, thread count
  local count = tonumber(args[3])
  local i = 0
  for line in io.lines(args[1]) do
    i = i + 1
    if i % count == (id - 1) then table.insert(tokens, line) end
  end
  local f = io.open(args[2], "r")
  body = f:read("*a")
  f:close()
  next_token = 1
  acks = 0
  refused = 0
  others = 0
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  local token = tokens[next_token]
  next_token = next_token + 1
  if token == nil then token = "epuise-0123456789abcdef" end
  return wrk.format("POST", "/r/" .. token .. "/envoi", nil, body)
end

function response(status, headers, body)
  if status == 303 then acks = acks + 1
  elseif status == 404 then refused = refused + 1
  else others = others + 1 end
end

function done(summary, latency, requests)
  local a, r, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("acks")
    r = r + thread:get("refused")
    o = o + thread:get("others")
  end
  io.write(string.format("ACKS %d\nREFUSED %d\nOTHER %d\nERRORS %d\n", a, r, o,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("P50_MS %.2f\nP99_MS %.2f\nSECONDS %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.duration / 1e6))
end
