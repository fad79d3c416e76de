#!/usr/bin/env bash
# The app's two numbers, measured on a virtual desktop (Xvfb, trayer as the tray host):
#   launch to tray icon: from starting the JVM until the icon is embedded in trayer's panel
#   (polled with xwininfo every 20 ms), and resident memory (VmRSS) after IDLE seconds in demo mode.
# Usage: app/bench/launch-and-idle.sh [IDLE_SECONDS] [RUNS]
# What is started is `./wirepunch --demo`, so its JVM options and environment are the launcher's
# (app/jvm-options, MALLOC_ARENA_MAX); JOPTS adds options. The launcher builds first when it must,
# before any timing. APP=<dir>/bin/wirepunch starts an installed app image instead (/opt/wirepunch,
# or the same extracted from the .deb), with the options its package gave it. Needs: Xvfb, trayer, xwininfo (x11-utils), GTK 3. Touches nothing of the
# user's: private XDG dirs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
idle=${1:-300}
runs=${2:-3}
app=${APP:-./wirepunch}
[ -n "${APP:-}" ] || ./wirepunch --version >/dev/null
work=$(mktemp -d)
. app/bench/virtual-desktop.sh
cleanup() {
  virtual_desktop_stop
  rm -rf "$work"
}
trap cleanup EXIT
virtual_desktop_start "$work"

run_once() {  # $1: idle seconds; prints "tray_ms rss_kib"
  local home=$work/run$RANDOM
  mkdir -p "$home"/{config,data,runtime,home}
  chmod 700 "$home/runtime"
  local start end
  start=$(date +%s%N)
  XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/runtime HOME=$home/home \
    WIREPUNCH_JAVA_OPTS="${JOPTS:-}" "$app" --demo >"$home/app.log" 2>&1 &
  app_pid=$!
  until xwininfo -root -tree | grep -q '"JavaEmbeddedFrame"'; do
    kill -0 "$app_pid" 2>/dev/null || { echo "the app ended: $(cat "$home/app.log")" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  sleep "$1"
  local rss
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$app_pid/status")
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=
  echo "$(( (end - start) / 1000000 )) $rss"
}

for i in $(seq "$runs"); do
  read -r ms rss < <(run_once 2)
  echo "launch to tray icon, run $i: $ms ms"
done
read -r ms rss < <(run_once "$idle")
echo "launch to tray icon: $ms ms; resident memory after $idle s idle in demo mode: $((rss / 1024)) MiB (VmRSS $rss KiB)"
if [ -n "${APP:-}" ]; then
  echo "java: the image's runtime, $(grep '^JAVA_VERSION=' "$(dirname "$app")/../lib/runtime/release")"
else
  echo "java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
fi
