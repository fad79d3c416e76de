#!/usr/bin/env bash
# Where the demo's resident memory goes: starts `./wirepunch --demo` on a virtual desktop (Xvfb,
# trayer) with native memory tracking, waits IDLE seconds, then prints VmRSS, the NMT summary,
# the live threads grouped by name, and the number of loaded classes by package prefix.
# Usage: app/bench/memory-breakdown.sh [IDLE_SECONDS]   (JOPTS adds JVM options)
# Needs what launch-and-idle.sh needs, and jcmd. Touches nothing of the user's: private XDG dirs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
idle=${1:-60}
./wirepunch --version >/dev/null
work=$(mktemp -d)
. app/bench/virtual-desktop.sh
cleanup() {
  virtual_desktop_stop
  rm -rf "$work"
}
trap cleanup EXIT
virtual_desktop_start "$work"

home=$work/home
mkdir -p "$home"/{config,data,runtime,home}
chmod 700 "$home/runtime"
XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/runtime HOME=$home/home \
  WIREPUNCH_JAVA_OPTS="-XX:NativeMemoryTracking=summary ${JOPTS:-}" ./wirepunch --demo >"$work/app.log" 2>&1 &
app_pid=$!
sleep "$idle"
kill -0 "$app_pid" || { cat "$work/app.log"; exit 1; }
set +o pipefail  # the reports below read only the heads of long listings
echo "VmRSS: $(awk '/VmRSS/ {print $2}' /proc/$app_pid/status) KiB; RssAnon/RssFile:" \
  "$(awk '/RssAnon|RssFile/ {printf "%s %s ", $1, $2}' /proc/$app_pid/status)"
echo "== threads: $(ls /proc/$app_pid/task | wc -l)"
for t in /proc/$app_pid/task/*; do cat "$t/comm"; done | sed 's/[-# ]*[0-9]*$//' | sort | uniq -c | sort -rn
echo "== NMT"
jcmd "$app_pid" VM.native_memory summary | grep -E '^(Total|-|\s+\(mmap|\s+\(malloc)' | grep -E 'Total|^-' 
echo "== classes loaded, by package prefix"
echo "== heap: largest classes (GC.class_histogram, after a full GC)"
jcmd "$app_pid" GC.class_histogram | sed -n 3,22p
jcmd "$app_pid" VM.classloader_stats | tail -n +2 | head -20
jcmd "$app_pid" VM.class_hierarchy 2>/dev/null | sed -E 's/^[ |-]*//; s/\/.*//' | awk '{print $1}' \
  | awk -F. '{ if (NF > 3) print $1"."$2"."$3; else print $1"."$2 }' | sort | uniq -c | sort -rn | head -25
echo "== classes of the measurement stack (gRPC, H2, Flyway, JDBC) loaded: $(jcmd "$app_pid" VM.class_hierarchy 2>/dev/null \
  | grep -cE 'io\.grpc|org\.h2|org\.flywaydb|org\.postgresql|com\.zaxxer' || true)"
echo "== resident KiB by mapping (pmap -x), largest first"
pmap -x "$app_pid" | awk 'NR > 2 && $1 != "total" && $1 != "----------------" { name = $6 ? $6 : "?"; for (i = 7; i <= NF; i++) name = name " " $i; rss[name] += $3 } END { for (n in rss) print rss[n], n }' \
  | sort -rn | head -25
