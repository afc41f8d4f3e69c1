#!/usr/bin/env bash
# Load test of `bulwark serve` with wrk on loopback (docs/PERFORMANCE.md, section "HTTP server").
#
#   bench/load.sh                         # every endpoint at 8, 32 and 128 connections, 3 runs of 10 s each
#   bench/load.sh --quick                 # one 5 s run at 32 connections
#   bench/load.sh --soak 300              # then a 5-minute mixed soak, sampling the server's resident memory
#   bench/load.sh --endpoints "scan code" --connections "32" --runs 5 --duration 15
#   bench/load.sh --bulwark /tmp/old/bulwark ...   # another build's launcher (a baseline), same bodies and flags
#   bench/load.sh --endpoints scan --slow 2000     # each row again beside 2,000 slow-header attackers
#   bench/load.sh --endpoints scan --slow 2000 --rounds 3   # ... alternating without and with them, 3 times
#   bench/load.sh --tls ...                        # the same over HTTPS (a self-signed certificate made here)
#   bench/load.sh --endpoints scan --runs 1 --soak 300 --bad   # soak beside hostile clients (bench/BadClients.java)
#   bench/load.sh --h2 ...                         # HTTP/2 with h2load (h2c by prior knowledge; with --tls, h2 by ALPN)
#   bench/load.sh --h2 --h2-streams 8 --connections 4   # ... 8 streams at once on each of 4 connections
#
# Prints req/s, p50 and p99 per endpoint and concurrency (medians over the runs), errors, and the server's RSS.
# The server and wrk share this machine's cores, so the numbers are pessimistic; run it on a quiet machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT=18090
DURATION=10
WARMUP=5
RUNS=3
CONNECTIONS="8 32 128"
ENDPOINTS="healthz scan trace code code-file prompt-guard prompt-guard-encoder"
WRK_THREADS=1
SOAK=0
CONFIG="$ROOT/bench/rules-only.yaml"
BULWARK="$ROOT/bulwark"
SLOW=0
ROUNDS=1
TLS=0
BAD=0
H2=0
H2_STREAMS=1

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --endpoints) ENDPOINTS="$2"; shift 2 ;;
    --wrk-threads) WRK_THREADS="$2"; shift 2 ;;
    --soak) SOAK="$2"; shift 2 ;;
    --config) CONFIG="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --bulwark) BULWARK="$2"; shift 2 ;;
    --slow) SLOW="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --tls) TLS=1; shift ;;
    --bad) BAD=1; shift ;;
    --h2) H2=1; shift ;;
    --h2-streams) H2_STREAMS="$2"; shift 2 ;;
    --quick) DURATION=5; WARMUP=3; RUNS=1; CONNECTIONS=32; shift ;;
    -h|--help) usage 0 ;;
    *) echo "load.sh: unknown argument '$1'" >&2; usage 64 ;;
  esac
done

if [ "$H2" = 1 ] && ! command -v h2load >/dev/null; then
  echo "load.sh: h2load is missing: install the Debian package (apt-get install nghttp2-client)" >&2
  exit 1
fi
if ! command -v wrk >/dev/null; then
  echo "load.sh: wrk is missing: install the Debian package (apt-get install wrk)" >&2
  exit 1
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true   # graceful: the server drains, then exits
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# ~128 tokens of ordinary prose: the size Prompt Guard is measured at.
TEXT="Our quarterly planning meeting is moved to Thursday afternoon because the finance team needs more time to \
close the books. Please review the attached agenda, add any open items from your area, and bring the latest numbers \
for headcount, hiring, and vendor spend. We will also discuss the migration of the reporting dashboards to the new \
data platform, the timeline for the customer survey, and who will own the follow-up actions. If you cannot attend, \
send a short written update to the organisers by Wednesday evening so that your topics are still covered."
cat > "$WORK/scan.json" <<JSON
{"message": {"role": "user", "content": "$TEXT"}}
JSON
cat > "$WORK/prompt-guard.json" <<JSON
{"message": {"role": "user", "content": "$TEXT"}, "scanners": ["prompt-guard"]}
JSON
cat > "$WORK/prompt-guard-encoder.json" <<JSON
{"message": {"role": "user", "content": "$TEXT"}, "scanners": ["prompt-guard-encoder"]}
JSON
cat > "$WORK/trace.json" <<JSON
{"messages": [{"role": "system", "content": "You are a helpful assistant for the planning team."},
 {"role": "user", "content": "$TEXT"},
 {"role": "tool", "content": "Agenda: 1. Numbers 2. Dashboards migration 3. Survey timeline 4. Actions"},
 {"role": "assistant", "content": "Here is a summary of the meeting plan and the items you need to prepare."}]}
JSON
# code: the two-line snippet of the Code Shield goal; code-file: a realistic 28-line module with one issue.
cat > "$WORK/code.json" <<'JSON'
{"language": "python", "code": "import os\nos.system('rm -rf ' + path)\n"}
JSON
cat > "$WORK/code-file.json" <<'JSON'
{"language": "python", "code": "import os\nimport subprocess\nimport json\n\n\ndef load_settings(path):\n    with open(path) as f:\n        return json.load(f)\n\n\ndef archive(directory, target):\n    files = [f for f in os.listdir(directory) if f.endswith('.log')]\n    for name in files:\n        full = os.path.join(directory, name)\n        if os.path.getsize(full) > 1024:\n            subprocess.run(['gzip', '-k', full], check=True)\n    os.system('tar czf ' + target + ' ' + directory)\n    return len(files)\n\n\ndef main():\n    settings = load_settings('settings.json')\n    count = archive(settings['logs'], settings['archive'])\n    print('archived', count, 'files')\n\n\nif __name__ == '__main__':\n    main()\n"}
JSON

fds() { ls "/proc/$SERVER_PID/fd" 2>/dev/null | wc -l; }
threads() { ls "/proc/$SERVER_PID/task" 2>/dev/null | wc -l; }
# One table row: a warm-up, then $RUNS runs of wrk; medians of req/s, p50 and p99, the errors of all runs.
row() {
  local name="$1" c="$2" url="$3" body="$4"
  if [ "$H2" = 1 ]; then row_h2 "$@"; return; fi
  wrk -t"$WRK_THREADS" -c"$c" -d"${WARMUP}s" --timeout 30s -s "$ROOT/bench/post.lua" "$url" -- "$body" >/dev/null 2>&1 || true
  : >"$WORK/runs"
  for _ in $(seq 1 "$RUNS"); do
    wrk -t"$WRK_THREADS" -c"$c" -d"${DURATION}s" --timeout 30s --latency -s "$ROOT/bench/post.lua" "$url" -- "$body" 2>&1 \
      | grep '^RESULT' >>"$WORK/runs" || true
  done
  rps="$(field rps <"$WORK/runs" | median)"
  p50="$(field p50_ms <"$WORK/runs" | median)"
  p99="$(field p99_ms <"$WORK/runs" | median)"
  errors="$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^(non2xx|socket_errors)=/) {split($i, kv, "="); s += kv[2]}} END {print s + 0}' "$WORK/runs")"
  printf "%-21s %6s %10.0f %9.2f %9.2f %8s %8s\n" "$name" "$c" "$rps" "$p50" "$p99" "$errors" "$(rss_mb)"
}
# The same row over HTTP/2 with h2load: $c connections, $H2_STREAMS streams at a time on each (1: as wrk's keep-alive
# connections); p50 and p99 from h2load's per-request log (microseconds, third column).
row_h2() {
  local name="$1" c="$2" url="$3" body="$4" data=()
  [ "$body" != - ] && data=(-d "$body" -H 'content-type: application/json')
  h2load -c"$c" -m"$H2_STREAMS" -D"$WARMUP" "${data[@]}" "$url" >/dev/null 2>&1 || true
  : >"$WORK/runs"
  for _ in $(seq 1 "$RUNS"); do
    h2load -c"$c" -m"$H2_STREAMS" -D"$DURATION" --log-file="$WORK/h2.log" "${data[@]}" "$url" >"$WORK/h2.out" 2>&1 || true
    rps="$(sed -n 's/^finished in [0-9.]*s, \([0-9.]*\) req\/s.*/\1/p' "$WORK/h2.out")"
    bad="$(awk '$2 !~ /^2/ {n++} END {print n + 0}' "$WORK/h2.log")"
    failed="$(sed -n 's/^requests: .* \([0-9]*\) failed, \([0-9]*\) errored.*/\1 \2/p' "$WORK/h2.out" | awk '{print $1 + $2}')"
    cut -f3 "$WORK/h2.log" | sort -n | awk -v rps="${rps:-0}" -v bad="$bad" -v failed="${failed:-0}" \
      '{v[NR] = $1} END {printf "RESULT rps=%s p50_ms=%.3f p99_ms=%.3f non2xx=%d socket_errors=%d\n", rps,
        v[int(NR * 0.5) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000, bad, failed}' >>"$WORK/runs"
  done
  rps="$(field rps <"$WORK/runs" | median)"
  p50="$(field p50_ms <"$WORK/runs" | median)"
  p99="$(field p99_ms <"$WORK/runs" | median)"
  errors="$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^(non2xx|socket_errors)=/) {split($i, kv, "="); s += kv[2]}} END {print s + 0}' "$WORK/runs")"
  printf "%-21s %6s %10.0f %9.2f %9.2f %8s %8s\n" "$name" "$c" "$rps" "$p50" "$p99" "$errors" "$(rss_mb)"
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?"; }

SCHEME=http
TLS_ARGS=()
if [ "$TLS" = 1 ]; then
  # A throw-away self-signed certificate for 127.0.0.1 (PKCS#8 key, as serve wants); wrk does not verify it.
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
  SCHEME=https
  TLS_ARGS=(--tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem")
fi
echo "load.sh: starting $BULWARK serve on $SCHEME://127.0.0.1:$PORT (config $CONFIG)" >&2
"$BULWARK" serve --port "$PORT" --config "$CONFIG" --queue 1024 "${TLS_ARGS[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  if curl -kfsS "$SCHEME://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log" >&2; echo "load.sh: the server did not start" >&2; exit 1; fi
  sleep 0.5
done
curl -kfsS "$SCHEME://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/server.log" >&2; echo "load.sh: not ready after 300 s" >&2; exit 1; }

url_of() {
  case "$1" in
    healthz) echo "$SCHEME://127.0.0.1:$PORT/healthz" ;;
    scan|trace|prompt-guard|prompt-guard-encoder) echo "$SCHEME://127.0.0.1:$PORT/v1/scan" ;;
    code|code-file) echo "$SCHEME://127.0.0.1:$PORT/v1/code/scan" ;;
    *) echo "load.sh: unknown endpoint '$1' (healthz, scan, trace, code, code-file, prompt-guard, prompt-guard-encoder)" >&2; exit 64 ;;
  esac
}
body_of() { if [ "$1" = healthz ]; then echo -; else echo "$WORK/$1.json"; fi; }

median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "?"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

printf "%-21s %6s %10s %9s %9s %8s %8s\n" endpoint conns "req/s" "p50 ms" "p99 ms" errors "rss MB"
for ep in $ENDPOINTS; do
  url="$(url_of "$ep")"
  body="$(body_of "$ep")"
  if [ "$ep" = prompt-guard ] || [ "$ep" = prompt-guard-encoder ]; then
    status="$(curl -ks -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$body" "$url")"
    if [ "$status" != 200 ]; then
      printf "%-21s %s\n" "$ep" "skipped: prompt-guard is not available on this build (HTTP $status)"
      continue
    fi
  fi
  for c in $CONNECTIONS; do
    if [ "$SLOW" -eq 0 ]; then
      row "$ep" "$c" "$url" "$body"
      continue
    fi
    # Without and with the attackers in turn, $ROUNDS times: both sides see the same (shared) machine.
    for round in $(seq 1 "$ROUNDS"); do
      row "$ep" "$c" "$url" "$body"
      fds_before="$(fds)"; threads_before="$(threads)"
      # Over TLS the attackers open a connection and send nothing: a TLS handshake that stalls.
      java "$ROOT/bench/SlowClients.java" "$PORT" "$SLOW" "$((WARMUP + RUNS * DURATION + 5))" \
        "$( [ "$TLS" = 1 ] && echo silent || echo partial)" >"$WORK/slow.out" 2>&1 &
      SLOW_PID=$!
      sleep 3
      row "$ep+slow$SLOW" "$c" "$url" "$body"
      wait "$SLOW_PID" || true
      sleep 2
      echo "slow (round $round): $(cat "$WORK/slow.out"); server fds $fds_before -> $(fds), threads $threads_before -> $(threads) after the attackers left" >&2
    done
  done
done

if [ "$SOAK" -gt 0 ]; then
  echo "soak: ${SOAK} s of mixed /v1/scan, /v1/code/scan and trace requests at 32 connections; RSS sampled every 5 s" >&2
  if [ "$BAD" = 1 ]; then
    echo "soak: beside hostile clients (bench/BadClients.java: malformed JSON, 64 MB bodies sent whole, slow bodies, resets mid-body, 10,000-message traces, stalled headers)" >&2
    java "$ROOT/bench/BadClients.java" "$PORT" "$SOAK" >"$WORK/bad.out" 2>&1 &
    BAD_PID=$!
  fi
  wrk -t"$WRK_THREADS" -c32 -d"${SOAK}s" --timeout 30s -s "$ROOT/bench/mixed.lua" "$SCHEME://127.0.0.1:$PORT" -- \
    "$WORK/scan.json" "$WORK/code-file.json" "$WORK/trace.json" >"$WORK/soak.out" 2>&1 &
  WRK_PID=$!
  max=0
  samples=""
  while kill -0 "$WRK_PID" 2>/dev/null; do
    r="$(rss_mb)"
    [ "$r" != "?" ] && [ "$r" -gt "$max" ] && max="$r"
    samples="$samples $r"
    sleep 5
  done
  wait "$WRK_PID" || true
  result="$(grep '^RESULT' "$WORK/soak.out" || echo "RESULT missing: $(tail -3 "$WORK/soak.out")")"
  echo "soak: $result (good clients: non2xx and socket_errors must be 0)"
  if [ "$BAD" = 1 ]; then
    wait "$BAD_PID" || true
    echo "soak: hostile clients, kind:outcome=count: $(cat "$WORK/bad.out")"
  fi
  echo "soak: RSS MB every 5 s:$samples"
  echo "soak: max RSS ${max} MB ($( [ "$max" -lt 1024 ] && echo "under" || echo "OVER") the 1 GB goal)"
fi

if grep -q "internal error" "$WORK/server.log"; then
  echo "load.sh: the server logged internal errors:" >&2
  grep -A5 "internal error" "$WORK/server.log" | head -40 >&2
  exit 1
fi
