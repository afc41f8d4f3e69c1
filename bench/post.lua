-- wrk script for bench/load.sh: POSTs the JSON body in the file given after "--", and prints one parsable result
-- line (requests/s, latency percentiles, errors) when the run ends.
--   wrk -t1 -c32 -d10s -s bench/post.lua http://127.0.0.1:8080/v1/scan -- body.json [bearer-key]
function init(args)
  if args[1] == nil or args[1] == "-" then
    return -- a GET of the URL's path (e.g. /healthz, the HTTP stack's own cost)
  end
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
  if args[2] ~= nil and args[2] ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. args[2]
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
