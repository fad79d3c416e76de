#!/usr/bin/env bash
# Time from launch to tray icon, and resident memory after IDLE seconds (default 300), of
# `WirepunchApp --demo`. The tray is real: Xvfb with Debian's trayer as the tray host; the window
# renders in memory (Monocle), since JavaFX's GTK window needs libgtk-3-0. Extra JVM options in
# JOPTS. Needs: Xvfb, trayer, xwininfo, and `mvn -pl app package` (for app/target/lib) and a test
# run once (for Monocle in ~/.m2).
set -euo pipefail
app="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
monocle=$(find ~/.m2/repository/org/testfx/openjfx-monocle -name "*.jar" | head -1)
work=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1024x768x24 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb=$!
until [ -s "$work/display" ]; do sleep 0.1; done
display=":$(cat "$work/display")"
DISPLAY=$display trayer --edge top --align right --widthtype pixel --width 200 --height 24 >"$work/trayer.log" 2>&1 &
trayer=$!
sleep 1
mkdir -p "$work/config"
start=$(date +%s%N)
# shellcheck disable=SC2086
DISPLAY=$display WIREPUNCH_CONFIG="$work/config" XDG_RUNTIME_DIR= java ${JOPTS:-} \
  -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dprism.text=t2k \
  -cp "$app/target/classes:$app/target/lib/*:$monocle" io.wirepunch.app.Main --demo >"${APP_LOG:-$work/app.log}" 2>&1 &
pid=$!
until DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q JavaEmbeddedFrame; do
  kill -0 "$pid" 2>/dev/null || { echo "the app ended; see $work/app.log" >&2; exit 1; }
  sleep 0.05
done
echo "launch_to_tray_ms $(( ($(date +%s%N) - start) / 1000000 ))"
sleep "${IDLE:-300}"
grep -E "VmRSS|VmHWM" "/proc/$pid/status"
kill -TERM "$pid"
wait "$pid" || true
kill "$trayer" "$xvfb"
rm -rf "$work"
