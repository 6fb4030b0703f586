#!/usr/bin/env bash
# bench/startup.sh: time from launch to the window on screen, Wiredesk with
# the sample article against GNOME Text Editor with a text file of the same
# size, in the same run, under one Xvfb.
#
#   bench/startup.sh [BUILD_DIR] [RUNS] [BASELINE_BUILD_DIR]
#
# With BASELINE_BUILD_DIR (a build of an earlier commit), that Wiredesk is
# timed too, in the same alternation ("wiredesk-baseline"): before/after.
#
# "On screen" is when the X server has a visible (mapped) window with the
# expected title, polled every 5 ms, the same test for both programs. Needs
# xvfb, dbus, xdotool and gnome-text-editor (Debian packages).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
runs=${2:-10}
baseline=${3:-}
sample=$top/data/sample/sample.wiredesk

if [ -z "${WD_BENCH_INNER:-}" ]; then
  export WD_BENCH_INNER=1
  # -noreset: Xvfb otherwise resets when its last client leaves, and refuses
  # connections meanwhile.
  exec xvfb-run -a -s '-screen 0 1280x800x24 -noreset' dbus-run-session -- "$0" "$build" "$runs" "$baseline"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A text file of the same size as the sample, made of its own body text.
python3 - "$sample" "$tmp/sample.txt" <<'PY'
import json, sys
data = open(sys.argv[1], 'rb').read()
body = json.loads(data)["article"]["body"].encode()
out = (body * (len(data) // len(body) + 1))[:len(data)]
open(sys.argv[2], 'wb').write(out)
PY

export GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$build/data
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state

measure () {   # NAME TITLE-REGEX COMMAND...
  local name=$1 title=$2; shift 2
  local start end pid
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  # Poll every 5 ms (xdotool's own --sync polls every 500 ms: too coarse).
  local deadline=$(( $(date +%s) + 20 ))
  until xdotool search --onlyvisible --name "$title" >/dev/null 2>&1; do
    if [ "$(date +%s)" -gt "$deadline" ]; then
      echo "$name: no window after 20 s" >&2
      kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
      return
    fi
    sleep 0.005
  done
  end=$(date +%s%N)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$name $(( (end - start) / 1000000 ))"
}

# One warm-up run each (page cache, fontconfig cache), then alternate.
measure warmup "Harbour" "$build/src/wiredesk" "$sample" >/dev/null
measure warmup "sample" gnome-text-editor --standalone "$tmp/sample.txt" >/dev/null
if [ -n "$baseline" ]; then
  measure warmup "Harbour" env GSETTINGS_SCHEMA_DIR="$baseline/data" "$baseline/src/wiredesk" "$sample" >/dev/null
fi
for _ in $(seq "$runs"); do
  measure wiredesk "Harbour" "$build/src/wiredesk" "$sample"
  if [ -n "$baseline" ]; then
    measure wiredesk-baseline "Harbour" env GSETTINGS_SCHEMA_DIR="$baseline/data" "$baseline/src/wiredesk" "$sample"
  fi
  measure gnome-text-editor "sample" gnome-text-editor --standalone "$tmp/sample.txt"
done | tee "$tmp/raw" | python3 -c '
import sys, statistics
times = {}
for line in sys.stdin:
    name, ms = line.split()
    times.setdefault(name, []).append(int(ms))
for name, t in times.items():
    print(f"{name:18} runs={len(t)} median={statistics.median(t):.0f} ms min={min(t)} ms max={max(t)} ms")
'
