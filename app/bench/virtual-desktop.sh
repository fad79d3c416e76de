# Sourced by the app's benchmark scripts: a virtual desktop for the app, Xvfb with Debian's trayer
# as the tray host, and its cleanup, which stops the app ($app_pid) before the display.
#   virtual_desktop_start DIR   starts both (DIR: a scratch directory), exports DISPLAY, and returns
#                               once trayer's panel is there (fails when it never is)
#   virtual_desktop_stop        stops $app_pid if set, then trayer and Xvfb
# Needs Xvfb, trayer and xwininfo (x11-utils).
xvfb_pid= trayer_pid= app_pid=

virtual_desktop_start() {
  exec 5> >(cat >"$1/display")
  Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -s "$1/display" ] && break; sleep 0.1; done
  exec 5>&-
  export DISPLAY=:$(head -1 "$1/display")
  # trayer sometimes cannot open a display that has just started while others run: up to 3 tries
  local try
  for try in 1 2 3; do
    trayer --edge top --align right --widthtype request --height 24 --SetDockType true >/dev/null 2>&1 &
    trayer_pid=$!
    for _ in $(seq 100); do
      xwininfo -root -tree 2>/dev/null | grep -q '"panel"' && return 0
      kill -0 "$trayer_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$trayer_pid" 2>/dev/null || true
    wait "$trayer_pid" 2>/dev/null || true
  done
  echo "virtual-desktop: trayer's panel did not appear on $DISPLAY" >&2
  return 1
}

virtual_desktop_stop() {
  if [ -n "$app_pid" ]; then  # the app first, so that it never sees its display go
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -z "$trayer_pid" ] || kill "$trayer_pid" 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  # only these: a bare `wait` would also wait for the reader of Xvfb's display number
  [ -z "$xvfb_pid" ] || wait "$xvfb_pid" ${trayer_pid:+"$trayer_pid"} 2>/dev/null || true
}
