#!/bin/sh
# The link checker against the physical limit and against curl.
#
#   bench/checker-bench.sh [BUILD_DIR] [URLS] [ROUNDS] [BASELINE_BINARY]
#
# Starts bench-server (every answer after 100 ms, on 127.0.0.1–16), makes
# URLS addresses spread over the 16 hosts, then times in the same run:
#   wiredesk check --json --concurrency 16 URL…
#   xargs -P 16 -n 1 curl -s -o /dev/null < urls
# and prints each against the limit URLS × 100 ms ÷ 16. With BASELINE_BINARY
# (an older wiredesk), each round also times it the same way and prints
# new ÷ baseline, so two builds are compared in one run.
set -eu

build=${1:-build}
count=${2:-500}
rounds=${3:-3}
baseline=${4:-}
hosts=16
delay_ms=100

wiredesk="$build/src/wiredesk"
server="$build/bench/bench-server"
for tool in "$wiredesk" "$server" ${baseline:+"$baseline"}; do
  [ -x "$tool" ] || { echo "missing $tool: run ninja -C $build" >&2; exit 2; }
done
command -v curl >/dev/null || { echo "curl is needed (apt-get install -y curl)" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM

"$server" --delay-ms "$delay_ms" --hosts "$hosts" > "$work/port" &
server_pid=$!
while [ ! -s "$work/port" ]; do sleep 0.05; done
port=$(cat "$work/port")

i=0
while [ "$i" -lt "$count" ]; do
  echo "http://127.0.0.$((i % hosts + 1)):$port/page/$i"
  i=$((i + 1))
done > "$work/urls"

now () { date +%s.%N; }
limit=$(echo "scale=3; $count * $delay_ms / 1000 / 16" | bc)
echo "URLs: $count on $hosts hosts, each answered after $delay_ms ms"
echo "physical limit at concurrency 16: ${limit} s"
if [ -n "$baseline" ]; then
  echo "round  wiredesk(s)  ×limit  ok  peak-RSS(KiB)  curl(s)  ×limit  baseline(s)  new÷baseline  user CPU s new / baseline"
else
  echo "round  wiredesk(s)  ×limit  ok  peak-RSS(KiB)  curl(s)  ×limit"
fi

# One timed check of every URL by binary $1: "seconds user-CPU-seconds" on
# stdout, its output in $work/out, its peak RSS in $work/rss.
timed_check () {
  start=$(now)
  /usr/bin/time -f '%M %U' -o "$work/time" \
    "$1" check --json --concurrency 16 --per-host 4 $(cat "$work/urls") > "$work/out" || true
  echo "$(echo "$(now) - $start" | bc) $(cut -d' ' -f2 "$work/time")"
  cut -d' ' -f1 "$work/time" > "$work/rss"
}

r=1
while [ "$r" -le "$rounds" ]; do
  # With a baseline, the two checks run back to back, in turns first.
  if [ -n "$baseline" ] && [ $((r % 2)) -eq 0 ]; then
    set -- $(timed_check "$baseline"); base=$1; base_cpu=$2
  fi
  set -- $(timed_check "$wiredesk"); wd=$1; wd_cpu=$2
  ok=$(grep -c '"status":"ok"' "$work/out" || true)
  rss=$(cat "$work/rss")
  if [ -n "$baseline" ] && [ $((r % 2)) -eq 1 ]; then
    set -- $(timed_check "$baseline"); base=$1; base_cpu=$2
  fi

  start=$(now)
  xargs -P 16 -n 1 curl -s -o /dev/null < "$work/urls"
  cu=$(echo "$(now) - $start" | bc)

  printf '%5d  %11.3f  %6.3f  %3d  %13d  %7.3f  %6.3f' "$r" "$wd" \
    "$(echo "scale=3; $wd / $limit" | bc)" "$ok" "$rss" \
    "$cu" "$(echo "scale=3; $cu / $limit" | bc)"
  if [ -n "$baseline" ]; then
    printf '  %11.3f  %12.3f  %6.2f / %.2f' "$base" "$(echo "scale=3; $wd / $base" | bc)" \
      "$wd_cpu" "$base_cpu"
  fi
  echo
  r=$((r + 1))
done

# Capture: the same document checked with --write, with and without the
# evidence package (WARC records, WACZ), alternating in each round.
{
  printf '# Bench\n\nBody.\n\n## Sources\n\n'
  sed 's/^/- /' "$work/urls"
} > "$work/bench.md"
"$wiredesk" import "$work/bench.md" -o "$work/plain.wiredesk" >/dev/null
echo
echo "check --write of a document with $count sources: without and with capture"
echo "(wall time, and the process's CPU time: on a busy machine the wall clock measures the others too)"
echo "round  plain(s)  capture(s)  ratio  plain-CPU(s)  capture-CPU(s)  CPU-ratio  package(KiB)"
# Runs one check --write; prints "wall cpu".
timed () {
  start=$(now)
  /usr/bin/time -f '%U %S' -o "$work/cpu" \
    "$wiredesk" check --json --write "$@" --concurrency 16 --per-host 4 > /dev/null || true
  printf '%s %s\n' "$(echo "$(now) - $start" | bc)" "$(awk '{ print $1 + $2 }' "$work/cpu")"
}
r=1
while [ "$r" -le "$rounds" ]; do
  cp "$work/plain.wiredesk" "$work/a.wiredesk"
  cp "$work/plain.wiredesk" "$work/b.wiredesk"
  rm -f "$work/b.wacz"

  # Alternate which goes first, so neither always meets a warm server.
  if [ $((r % 2)) -eq 1 ]; then
    set -- $(timed --no-evidence "$work/a.wiredesk") $(timed "$work/b.wiredesk")
  else
    set -- $(timed "$work/b.wiredesk") $(timed --no-evidence "$work/a.wiredesk")
    set -- "$3" "$4" "$1" "$2"
  fi

  printf '%5d  %8.3f  %10.3f  %5.3f  %12.2f  %14.2f  %9.3f  %12d\n' "$r" "$1" "$3" \
    "$(echo "scale=3; $3 / $1" | bc)" "$2" "$4" "$(echo "scale=3; $4 / $2" | bc)" \
    "$(( $(stat -c %s "$work/b.wacz") / 1024 ))"
  r=$((r + 1))
done
