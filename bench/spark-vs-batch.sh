#!/usr/bin/env bash
# bench/spark-vs-batch.sh: `./bulwark spark --master 'local[2]'` beside `./bulwark batch` on the same JSONL, in the
# same run, runs alternated (batch, spark, batch, spark, ...) so that other load on the machine falls on both alike.
# The numbers behind docs/PERFORMANCE.md#spark and docs/SCALING.md.
#
#   bench/spark-vs-batch.sh [--rule-lines N] [--default-lines N] [--rounds N] [--work DIR]
#
# Per round: the rule scanners (regex, hidden-text, pii) on --rule-lines lines, then the default configuration's
# user role (Prompt Guard; batch needs --role user to run it) on --default-lines lines, each as batch then spark;
# then Spark's fixed cost, the same two spark commands on 10 lines. Every command runs under /usr/bin/time (wall,
# user and system CPU seconds, max RSS) at nice 19; one row per command goes to WORK/results.tsv as it finishes, so
# an interrupted run keeps what it measured.
# The first round checks that the spark part files, read in order, are batch's output (cmp, or the count of lines
# that differ). At the end: the median of each command over the rounds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RULE_LINES=1000000
DEFAULT_LINES=100000
ROUNDS=2
WORK="$ROOT/target/spark-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --rule-lines) RULE_LINES="$2"; shift 2 ;;
    --default-lines) DEFAULT_LINES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    *) echo "usage: $0 [--rule-lines N] [--default-lines N] [--rounds N] [--work DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$WORK"
RESULTS="$WORK/results.tsv"
RULES=(--scanner regex --scanner hidden-text --scanner pii)

corpus() { # lines -> file
  local f="$WORK/corpus-$1.jsonl"
  [ -s "$f" ] || python3 "$ROOT/bench/corpus.py" --lines "$1" > "$f"
  echo "$f"
}
RULE_IN="$(corpus "$RULE_LINES")"  # a count of 0 skips that workload
DEFAULT_IN="$(corpus "$DEFAULT_LINES")"
TINY_IN="$(corpus 10)"

# Build once, before anything is timed (the launcher would otherwise build inside the first timed command).
"$ROOT/bulwark" --version >/dev/null
"$ROOT/bulwark" spark --help >/dev/null 2>&1

[ -s "$RESULTS" ] || printf 'round\tcommand\tlines\twall_s\tuser_s\tsys_s\tmax_rss_kb\tstarted\tload1\n' > "$RESULTS"

# timed ROUND NAME LINES OUT -- command...: runs it at nice 19 under /usr/bin/time, appends a row.
timed() {
  local round="$1" name="$2" lines="$3" out="$4"; shift 5
  local tf="$WORK/$name.time" started load
  started="$(date -u +%H:%M:%S)"; load="$(cut -d' ' -f1 /proc/loadavg)"
  rm -rf "$out"
  nice -n 19 /usr/bin/time -f '%e\t%U\t%S\t%M' -o "$tf" "$@" 2> "$WORK/$name.stderr"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$lines" "$(cat "$tf")" "$started" "$load" >> "$RESULTS"
  echo "round $round $name: $(cat "$tf") (wall user sys rss)" >&2
}

same_output() { # batch-file spark-dir label
  if cat "$2"/part-* | cmp -s - "$1"; then
    echo "$3: spark output identical to batch" >&2
  else
    echo "$3: $(cat "$2"/part-* | diff - "$1" | grep -c '^>' || true) lines differ from batch" >&2
  fi
}

for round in $(seq 1 "$ROUNDS"); do
  if [ "$RULE_LINES" -gt 0 ]; then
    timed "$round" batch-rules "$RULE_LINES" "$WORK/batch-rules.jsonl" -- \
      "$ROOT/bulwark" batch "${RULES[@]}" --input "$RULE_IN" --output "$WORK/batch-rules.jsonl"
    timed "$round" spark-rules "$RULE_LINES" "$WORK/spark-rules" -- \
      "$ROOT/bulwark" spark --master 'local[2]' "${RULES[@]}" --input "$RULE_IN" --output "$WORK/spark-rules"
    [ "$round" = 1 ] && same_output "$WORK/batch-rules.jsonl" "$WORK/spark-rules" rules
  fi
  if [ "$DEFAULT_LINES" -gt 0 ]; then
    timed "$round" batch-default "$DEFAULT_LINES" "$WORK/batch-default.jsonl" -- \
      "$ROOT/bulwark" batch --role user --input "$DEFAULT_IN" --output "$WORK/batch-default.jsonl"
    timed "$round" spark-default "$DEFAULT_LINES" "$WORK/spark-default" -- \
      "$ROOT/bulwark" spark --master 'local[2]' --role user --input "$DEFAULT_IN" --output "$WORK/spark-default"
    [ "$round" = 1 ] && same_output "$WORK/batch-default.jsonl" "$WORK/spark-default" default
  fi
  timed "$round" spark-rules-fixed 10 "$WORK/spark-rules-10" -- \
    "$ROOT/bulwark" spark --master 'local[2]' "${RULES[@]}" --input "$TINY_IN" --output "$WORK/spark-rules-10"
  timed "$round" spark-default-fixed 10 "$WORK/spark-default-10" -- \
    "$ROOT/bulwark" spark --master 'local[2]' --role user --input "$TINY_IN" --output "$WORK/spark-default-10"
done

echo "medians over $ROUNDS round(s): command lines wall_s cpu_s (user+sys) lines/s lines/cpu-s" >&2
awk -F'\t' 'NR > 1 { key = $2; n[key]++; lines[key] = $3; w[key, n[key]] = $4; c[key, n[key]] = $5 + $6 }
  function median(a, k, m,   i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = a[k, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
  }
  END { for (k in n) { mw = median(w, k, n[k]); mc = median(c, k, n[k]);
    printf "%-20s %8d %9.1f %9.1f %9.0f %9.0f\n", k, lines[k], mw, mc, lines[k] / mw, lines[k] / mc } }' "$RESULTS" >&2
