-- wrk script for the soak in bench/load.sh: alternates /v1/scan, /v1/code/scan and a /v1/scan trace, with bodies
-- from the files given after "--" (scan.json code.json trace.json), and prints the same result line as post.lua.
local bodies = {}
local paths = {"/v1/scan", "/v1/code/scan", "/v1/scan"}
local n = 0

function init(args)
  for i = 1, 3 do
    local f = assert(io.open(args[i], "rb"))
    bodies[i] = f:read("*a")
    f:close()
  end
end

function request()
  n = n + 1
  local i = (n % 3) + 1
  return wrk.format("POST", paths[i], {["Content-Type"] = "application/json"}, bodies[i])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
