#!/bin/sh
# Renders the application icon set from the SVG sources in this folder, with Debian tools:
# rsvg-convert (librsvg2-bin), icotool (icoutils), png2icns (icnsutils). The results are committed,
# so building and packaging need none of these tools.
#
#   app/wirepunch-<N>.png   the full-colour icon, N = 16 … 1024 (Linux desktop entry, jpackage)
#   wirepunch.ico           Windows: 16, 24, 32, 48, 64, 128 and 256 px in one file
#   wirepunch.icns          macOS: 16, 32, 48, 128, 256, 512 and 1024 px in one file
#   mono/<name>-dark.svg    one-colour glyphs (the background tile dropped, every colour black):
#                           for light panels, and the source of the macOS template images
#   mono/<name>-light.svg   the same glyphs in white, for dark panels
#   mono/<name>-{dark,light}-<N>.png           N = 16, 22, 32, 64 (Linux panels)
#   mono/<name>Template.png, <name>Template@2x.png   macOS menu-bar template images (18 and 36 px)
# where <name> is wirepunch or tray-<state> for each tray state.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "render-app.sh: $tool is needed (Debian: librsvg2-bin, icoutils, icnsutils)" >&2; exit 1; }
done

render() { # svg size out
  rsvg-convert -w "$2" -h "$2" "$1" -o "$3"
}

mkdir -p app mono
for size in 16 22 24 32 48 64 128 256 512 1024; do
  render wirepunch.svg "$size" "app/wirepunch-$size.png"
done
icotool -c -o wirepunch.ico $(for s in 16 24 32 48 64 128 256; do echo "app/wirepunch-$s.png"; done)
png2icns wirepunch.icns $(for s in 16 32 48 128 256 512 1024; do echo "app/wirepunch-$s.png"; done) >/dev/null

# A monochrome glyph is its colour source without the background tile (the rounded rect that spans
# the whole view box) and with every fill and stroke in one colour; the shapes alone tell the states
# apart (a line straight through, a gap, dots, a cross).
mono() { # svg colour out
  sed -e '/<rect x="[0-9.]*" y="[0-9.]*" width="\(60\|15\)" height="\(60\|15\)" rx=/d' \
      -e "s/fill=\"#[0-9a-fA-F]\{6\}\"/fill=\"$2\"/g" \
      -e "s/stroke=\"#[0-9a-fA-F]\{6\}\"/stroke=\"$2\"/g" "$1" >"$3"
}

for src in wirepunch tray-participating tray-paused tray-connecting tray-error; do
  mono "$src.svg" '#000000' "mono/$src-dark.svg"
  mono "$src.svg" '#ffffff' "mono/$src-light.svg"
  for size in 16 22 32 64; do
    render "mono/$src-dark.svg" "$size" "mono/$src-dark-$size.png"
    render "mono/$src-light.svg" "$size" "mono/$src-light-$size.png"
  done
  render "mono/$src-dark.svg" 18 "mono/${src}Template.png"
  render "mono/$src-dark.svg" 36 "mono/${src}Template@2x.png"
done
