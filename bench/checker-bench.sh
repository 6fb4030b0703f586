#!/bin/sh
# The link checker against the physical limit and against curl.
#
#   bench/checker-bench.sh [BUILD_DIR] [URLS] [ROUNDS] [OTHER_BUILD_DIR]
#
# With OTHER_BUILD_DIR (an older build, say), its wiredesk is timed too in
# each round, right after this one, and the ratio new/other printed.
#
# Starts bench-server (every answer after 100 ms, on 127.0.0.1–16), makes
# URLS addresses spread over the 16 hosts, then times in the same run:
#   wiredesk check --json --concurrency 16 URL…
#   xargs -P 16 -n 1 curl -s -o /dev/null < urls
# and prints each against the limit URLS × 100 ms ÷ 16.
set -eu

build=${1:-build}
count=${2:-500}
rounds=${3:-3}
other=${4:-}
hosts=16
delay_ms=100

wiredesk="$build/src/wiredesk"
server="$build/bench/bench-server"
for tool in "$wiredesk" "$server"; do
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
if [ -n "$other" ]; then
  [ -x "$other/src/wiredesk" ] || { echo "missing $other/src/wiredesk" >&2; exit 2; }
  echo "round  wiredesk(s)  other(s)  wiredesk/other  ok  other-ok"
  r=1
  while [ "$r" -le "$rounds" ]; do
    start=$(now)
    "$wiredesk" check --json --concurrency 16 --per-host 4 $(cat "$work/urls") > "$work/out" || true
    wd=$(echo "$(now) - $start" | bc)
    start=$(now)
    "$other/src/wiredesk" check --json --concurrency 16 --per-host 4 $(cat "$work/urls") > "$work/out2" || true
    ot=$(echo "$(now) - $start" | bc)
    printf '%5d  %11.3f  %8.3f  %14.3f  %3d  %8d\n' "$r" "$wd" "$ot" \
      "$(echo "scale=3; $wd / $ot" | bc)" "$(grep -c '"status":"ok"' "$work/out" || true)" \
      "$(grep -c '"status" *: *"ok"' "$work/out2" || true)"
    r=$((r + 1))
  done
  exit 0
fi

echo "round  wiredesk(s)  ×limit  ok  peak-RSS(KiB)  curl(s)  ×limit"

r=1
while [ "$r" -le "$rounds" ]; do
  start=$(now)
  /usr/bin/time -f %M -o "$work/rss" \
    "$wiredesk" check --json --concurrency 16 --per-host 4 $(cat "$work/urls") > "$work/out" || true
  wd=$(echo "$(now) - $start" | bc)
  ok=$(grep -c '"status":"ok"' "$work/out" || true)

  start=$(now)
  xargs -P 16 -n 1 curl -s -o /dev/null < "$work/urls"
  cu=$(echo "$(now) - $start" | bc)

  printf '%5d  %11.3f  %6.3f  %3d  %13d  %7.3f  %6.3f\n' "$r" "$wd" \
    "$(echo "scale=3; $wd / $limit" | bc)" "$ok" "$(cat "$work/rss")" \
    "$cu" "$(echo "scale=3; $cu / $limit" | bc)"
  r=$((r + 1))
done
