#!/usr/bin/env bash
# Makes the AOT cache (JDK 25: JEP 483, 514 and 515) for the launchers of a jpackage app image by
# a training run of that very image (-XX:AOTCacheOutput), so that the installed app starts from
# loaded and linked classes and profiled methods (-XX:AOTCache). Unlike JDK 17's AppCDS archive,
# the cache is used wherever the image is moved to, such as /opt/wirepunch. Both launchers share one class path and so one cache (a cache per launcher would double the
# installed size). It is trained on the app's start, --demo under Xvfb with trayer as the tray host,
# from the launch until the tray icon is shown and no further: that stretch is what the cache is
# for, and every class loaded later would add about 9 KB to it (docs/benchmarks.md, "Installers").
# Without xvfb-run, trayer and xwininfo it is trained on the CLI's headless node on loopback instead.
#
#   train-cache.sh IMAGE_DIR CACHE_FILE
#
# Prints the option that makes a launcher use the cache once it sits beside the jars ($APPDIR).
# The training runs in a throwaway HOME, so it touches no user's settings, keys or sockets.
set -euo pipefail
image="$1"
output="$2"
log() { printf 'train-cache: %s\n' "$*" >&2; }

cache="$(basename "$output")"
dump_option() { echo "-XX:AOTCacheOutput=$output"; }
use_option() { echo "-XX:AOTCache=\$APPDIR/$cache"; }

sandbox="$(mktemp -d)"
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/home" "$sandbox/config" "$sandbox/data" "$sandbox/state" "$sandbox/run"
chmod 700 "$sandbox/run"
# The training run's environment; an array, not a function, so that $! is the launcher's pid.
in_sandbox=(env -u WIREPUNCH_CONTROL -u JDK_JAVA_OPTIONS HOME="$sandbox/home" XDG_CONFIG_HOME="$sandbox/config"
  XDG_DATA_HOME="$sandbox/data" XDG_STATE_HOME="$sandbox/state" XDG_RUNTIME_DIR="$sandbox/run"
  WIREPUNCH_CONFIG="$sandbox/config/wirepunch" JAVA_TOOL_OPTIONS="$(dump_option)")

# Waits up to $2 seconds for a line matching $3 in file $1.
wait_for_line() {
  local deadline=$((SECONDS + $2))
  until grep -q "$3" "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

train_cli() {
  log "training on the CLI: a headless node on loopback"
  "${in_sandbox[@]}" "$image/bin/wirepunch-cli" node --listen /ip4/127.0.0.1/tcp/0 \
    >"$sandbox/train.out" 2>&1 &
  local pid=$!
  if ! wait_for_line "$sandbox/train.out" 60 '^listen '; then
    kill -KILL "$pid" 2>/dev/null || true
    cat "$sandbox/train.out" >&2
    log "the node did not start"
    return 1
  fi
  sleep 2
  kill -TERM "$pid"
  wait "$pid" || { cat "$sandbox/train.out" >&2; log "the node did not exit cleanly"; return 1; }
}

train_app() {
  log "training on the app's start: --demo under Xvfb, until its tray icon shows"
  cat >"$sandbox/app.sh" <<'EOF'
#!/usr/bin/env bash
# Starts trayer, then the app, and ends the app as a session would as soon as its tray icon's
# window (JavaEmbeddedFrame, which trayer embeds) is in the X window tree.
set -u
trayer --expand true --widthtype request >/dev/null 2>&1 &
tray=$!
# a JVM that looks for the tray before trayer holds it has no tray for its whole life
until xwininfo -root -tree 2>/dev/null | grep -q '("panel" "trayer")'; do sleep 0.05; done
"$1" --demo >"$2/train.out" 2>&1 &
pid=$!
shown=1
for _ in $(seq 1 1200); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"JavaEmbeddedFrame"'; then shown=0; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
status=$?
kill -TERM "$tray" 2>/dev/null
wait "$tray" 2>/dev/null
[ "$shown" -eq 0 ] || { echo "train-cache: no tray icon within 60 s" >>"$2/train.out"; exit 1; }
# 143: the JVM ends on SIGTERM, after its shutdown hooks, as terminated by the signal
[ "$status" -eq 0 ] || [ "$status" -eq 143 ]
EOF
  chmod +x "$sandbox/app.sh"
  if ! "${in_sandbox[@]}" xvfb-run -a -s "-screen 0 1280x800x24" "$sandbox/app.sh" "$image/bin/wirepunch" "$sandbox"; then
    cat "$sandbox/train.out" >&2
    log "the app did not start to its tray icon and exit cleanly"
    return 1
  fi
}

if command -v xvfb-run >/dev/null && command -v trayer >/dev/null && command -v xwininfo >/dev/null; then
  train_app
else
  train_cli
fi

if [ ! -s "$output" ]; then
  log "no cache was written"
  exit 1
fi
log "$(du -h "$output" | cut -f1) cache"
use_option
