#!/usr/bin/env bash
# Times launch to tray icon of an installed (or extracted) Wirepunch: from the moment the launcher
# process is started until the tray icon's window ("JavaEmbeddedFrame", which trayer embeds) is in
# the X window tree. Xvfb and trayer run throughout; the app runs its --demo network, so it needs no
# network beyond loopback. The first run starts with an empty HOME (JavaFX unpacks its native
# libraries into ~/.openjfx on a first start); the others reuse it, as every later start does.
#
#   measure-launch.sh APP_DIR [RUNS]      APP_DIR: /opt/wirepunch, or the same extracted from the .deb
#
# Needs Xvfb, trayer, xwininfo. Prints one line per run and the median of the runs after the first.
set -euo pipefail
app="$(cd "$1" && pwd)"
runs="${2:-6}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
pids+=($!)
until [ -s "$work/display" ]; do sleep 0.05; done
export DISPLAY=":$(cat "$work/display")"
trayer --edge top --align right --widthtype pixel --width 200 --height 24 >/dev/null 2>&1 &
pids+=($!)
# a JVM that looks for the tray before trayer holds it has no tray for its whole life
until xwininfo -root -tree 2>/dev/null | grep -q '("panel" "trayer")'; do sleep 0.05; done

mkdir -p "$work/home" "$work/run"
chmod 700 "$work/run"
times=()
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  env HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
    XDG_STATE_HOME="$work/home/.local/state" XDG_RUNTIME_DIR="$work/run" \
    "$app/bin/wirepunch" --demo >"$work/app-$run.log" 2>&1 &
  pid=$!
  until xwininfo -root -tree 2>/dev/null | grep -q '"JavaEmbeddedFrame"'; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/app-$run.log" >&2; echo "run $run: the app ended" >&2; exit 1; }
    sleep 0.02
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  echo "run $run: launch to tray icon $ms ms$([ "$run" = 1 ] && echo ' (first start, empty HOME)')"
  [ "$run" = 1 ] || times+=("$ms")
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  # the tray icon's window leaves with the process
  while xwininfo -root -tree 2>/dev/null | grep -q '"JavaEmbeddedFrame"'; do sleep 0.05; done
done
if [ ${#times[@]} -gt 0 ]; then
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median of runs 2-%d: %d ms (min %d, max %d)\n", NR+1, m, a[1], a[NR]}'
fi
