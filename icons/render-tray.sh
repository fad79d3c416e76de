#!/bin/sh
# Renders the tray-state icons into the app's resources. Needs rsvg-convert (Debian: librsvg2-bin).
# The PNGs are committed, so building the app needs no SVG tools.
set -eu
here=$(dirname "$0")
out="$here/../app/src/main/resources/io/wirepunch/app/tray"
mkdir -p "$out"
for state in participating paused connecting error; do
  for size in 16 22 32 64; do
    rsvg-convert -w "$size" -h "$size" "$here/tray-$state.svg" -o "$out/$state-$size.png"
  done
done
