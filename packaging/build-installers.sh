#!/usr/bin/env bash
# Builds Wirepunch's installers from the app's jars: a jlink runtime; on Linux an AOT cache that both
# launchers share (JDK 25+), trained on an app image; then the app image and the packages: .deb and
# .rpm on Linux, .dmg and .pkg on macOS, .msi on Windows (Git Bash; WiX 3 on the PATH). `mvn -Ppackage package` runs it; so does the
# packaging test.
#
#   build-installers.sh LIB_DIR OUT_DIR [TYPE...]
#
# LIB_DIR holds the app's jar and its runtime libraries (packaging/target/lib). OUT_DIR receives
# runtime/ (the jlink runtime) and dist/: wirepunch/ (the app image) and the packages. TYPEs are
# app-image, deb, rpm, dmg, pkg and msi (default: the app image and this system's packages).
#
# WIREPUNCH_PACKAGE_COMPRESSION=fast packs the .deb with gzip -1 and the .rpm with gzip level 1
# instead of xz: the same files, larger packages, built in a fraction of the time (the tests).
#
# The JDK whose jlink and jpackage are used, and whose runtime is bundled: $WIREPUNCH_PACKAGE_JDK,
# else the newest Temurin in /usr/lib/jvm, else $JAVA_HOME, else the java on the PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 LIB_DIR OUT_DIR [app-image|deb|rpm]..." >&2; exit 2; }
lib="$(cd "$1" && pwd)"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
shift 2
types=("$@")
case "$(uname -s)" in
  Darwin) platform=macos ;;
  MINGW* | MSYS* | CYGWIN*) platform=windows ;;
  *) platform=linux ;;
esac
if [ "$platform" = windows ]; then
  # jpackage and WiX are Windows programs: give them C:/… paths, which Git Bash reads as well
  here="$(cygpath -m "$here")"
  lib="$(cygpath -m "$lib")"
  out="$(cygpath -m "$out")"
fi
if [ ${#types[@]} -eq 0 ]; then
  case "$platform" in
    linux) types=(app-image deb rpm) ;;
    macos) types=(app-image dmg pkg) ;;
    windows) types=(app-image msi) ;;
  esac
fi

# Linux packages and commands are lower case; a macOS bundle and a Windows program are not.
name=wirepunch
[ "$platform" = linux ] || name=Wirepunch
version=0.1.0
vendor=Wirepunch
description="Connects two computers behind NATs and shows how the connection is made."
app_main=io.wirepunch.app.Main
cli_main=io.wirepunch.core.cli.WirepunchCli
main_jar="wirepunch-app-$version.jar"

log() { printf 'build-installers: %s\n' "$*" >&2; }

pick_jdk() {
  if [ -n "${WIREPUNCH_PACKAGE_JDK:-}" ]; then echo "$WIREPUNCH_PACKAGE_JDK"; return; fi
  local newest
  newest="$(ls -d /usr/lib/jvm/temurin-*-jdk* 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$newest" ] && [ -x "$newest/bin/jpackage" ]; then echo "$newest"; return; fi
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}
jdk="$(pick_jdk)"
feature="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
log "JDK $feature at $jdk"

# The runtime holds only the JDK modules the app and its libraries use (jdeps -s over every jar
# in LIB_DIR, then trimmed by hand):
#   java.desktop           JavaFX's AWT bridge, dorkbox SystemTray, JNA
#   java.logging           java.util.logging, used by grpc, guava, netty, flyway
#   java.management, jdk.management   core's process and memory figures (bench, relay heap)
#   java.naming, jdk.naming.dns       core's /dnsaddr TXT lookups through JNDI's DNS provider
#   java.sql               the measurement store (H2, PostgreSQL, Flyway, HikariCP)
#   java.xml               logback's configuration, weupnp's gateway descriptions
#   jdk.httpserver         the measurement server's Prometheus endpoint
#   jdk.unsupported        sun.misc.Unsafe for netty and protobuf
#   jdk.crypto.ec          ECDSA P-256 keys and TLS on JDK 17 (in java.base from JDK 22)
#   jdk.net                socket options H2's server mode asks for
# Left out although jdeps names them: java.compiler and java.scripting (H2's user-defined
# functions in Java or JavaScript), java.instrument, jdk.attach and jdk.jdi (javassist's hot
# swap helpers), java.security.jgss (PostgreSQL's Kerberos login): Wirepunch uses none of them.
modules=java.base,java.desktop,java.logging,java.management,jdk.management,java.naming,jdk.naming.dns,java.sql,java.xml,jdk.httpserver,jdk.unsupported,jdk.net
if [ "$feature" -lt 22 ]; then modules="$modules,jdk.crypto.ec"; fi

# The app's JVM options, the ones ./wirepunch uses (a small heap that gives memory back, the serial
# collector, one Netty arena; see the file), for both launchers.
java_opts=()
while IFS= read -r line; do
  case "$line" in ''|'#'*) ;; *) java_opts+=("$line") ;; esac
done <"$here/../app/jvm-options"
if [ "$feature" -ge 24 ]; then
  # JavaFX, netty and JNA load native code and netty and protobuf use sun.misc.Unsafe; without
  # these the JDK warns on every start.
  java_opts+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi

# The AOT cache is refused where a jar's modification time differs from the one it was trained on,
# and jpackage's copies get the time of copying. So every file of the training image, of the app
# image and of the packages gets one time, whole seconds as tar keeps them: the training image's and
# the app image's by touch, the packages' by SOURCE_DATE_EPOCH, to which dpkg-deb and rpmbuild
# (%clamp_mtime_to_source_date_epoch) clamp the times of their files.
stamp="${SOURCE_DATE_EPOCH:-$(date +%s)}"
export SOURCE_DATE_EPOCH="$stamp"
stamp_tree() { # dir: every file and link under it to the stamp
  if [ "$platform" = linux ]; then find "$1" -exec touch -h -d "@$stamp" {} +; fi
}

rm -rf "$out/runtime" "$out/input" "$out/dist" "$out/train" "$out/rpm-home" "$out/repack"
mkdir -p "$out/input" "$out/dist"

# The class path: every jar but JavaFX's empty platform-neutral ones (javafx-<module>-<version>.jar);
# the jars with this system's classifier (-linux, -mac, -win) hold the code.
for jar in "$lib"/*.jar; do
  [[ "$(basename "$jar")" =~ ^javafx-[a-z]+-[0-9.]+\.jar$ ]] || cp "$jar" "$out/input/"
done
[ -f "$out/input/$main_jar" ] || { echo "build-installers: $main_jar is not in $lib" >&2; exit 1; }

# On Linux the jars are repacked: JNA's native libraries for other systems go (it carries 26, 5 MB),
# and every jar is stored rather than deflated. The packages' xz compresses stored class files to
# less than half of what it makes of deflated ones (20 MB against 42 MB for these jars), at the cost
# of installed size (108 MB against 47 MB); see docs/benchmarks.md, "Installers", for the trade-off.
# Signed jars stay valid: the entries and the signature files are the same bytes.
jna_platform() {
  case "$(uname -m)" in
    x86_64) echo linux-x86-64 ;;
    aarch64) echo linux-aarch64 ;;
    *) echo "linux-$(uname -m)" ;;
  esac
}
repack_jars() {
  local keep jar tree
  keep="$(jna_platform)"
  tree="$out/repack"
  for jar in "$out/input"/*.jar; do
    rm -rf "$tree"
    mkdir -p "$tree"
    (cd "$tree" && unzip -q "$jar")
    if [ -d "$tree/com/sun/jna/$keep" ]; then
      find "$tree/com/sun/jna" -mindepth 1 -maxdepth 1 -type d \( -name 'linux-*' -o -name 'darwin-*' \
        -o -name 'win32-*' -o -name 'freebsd-*' -o -name 'openbsd-*' -o -name 'sunos-*' -o -name 'aix-*' \) \
        ! -name "$keep" -exec rm -rf {} +
    fi
    rm "$jar"
    (cd "$tree" && zip -q -X -0 -r "$jar" .)
  done
  rm -rf "$tree"
}
if [ "$platform" = linux ] && command -v unzip >/dev/null && command -v zip >/dev/null; then
  log "repacking the jars: stored, JNA for $(jna_platform) only"
  repack_jars
elif [ "$platform" = linux ]; then
  log "the jars as they are: repacking needs zip and unzip"
fi

log "jlink: $modules"
# The modules stay deflated (zip-6): stored, they would compress to 13 MB less in the packages but
# take 33 MB more installed (docs/benchmarks.md). The splash screen's and the sound's native
# libraries go: nothing shows a splash screen or plays a sound.
jlink_opts=(--add-modules "$modules" --strip-debug --no-man-pages --no-header-files
  --dedup-legal-notices=error-if-not-same-content)
if [ "$feature" -ge 21 ]; then jlink_opts+=(--compress=zip-6); else jlink_opts+=(--compress=2); fi
if [ "$platform" = linux ]; then jlink_opts+=("--exclude-files=**/libsplashscreen.so,**/libjsound.so"); fi
"$jdk/bin/jlink" "${jlink_opts[@]}" --output "$out/runtime"
# A JDK linked from its own runtime (JEP 493, no jmods) keeps the native libraries' symbols,
# a quarter of libjvm.so; nothing at run time reads them.
if [ "$platform" = linux ] && command -v strip >/dev/null; then
  find "$out/runtime/lib" -name '*.so' -exec strip --strip-unneeded {} +
fi

# The launchers: the app (the image's main launcher, with the desktop entry) and the CLI, which the
# packages link into /usr/bin as `wirepunch` (src/main/linux: postinst, prerm, wirepunch.spec).
write_cli_properties() { # java options...
  cat >"$out/cli.properties" <<EOF
main-class=$cli_main
description=Wirepunch command line
java-options=$*
linux-shortcut=false
win-console=true
win-menu=false
win-shortcut=false
EOF
}
case "$platform" in
  linux) icon="$here/../icons/app/wirepunch-256.png" ;;
  macos) icon="$here/../icons/wirepunch.icns" ;;
  windows) icon="$here/../icons/wirepunch.ico" ;;
esac
common_opts=(--name "$name" --app-version "$version" --vendor "$vendor" --description "$description"
  --input "$out/input" --main-jar "$main_jar" --main-class "$app_main" --runtime-image "$out/runtime"
  --icon "$icon" --add-launcher "wirepunch-cli=$out/cli.properties")

# The CLI keeps C2: it runs benchmarks, perf, pipes and forwards, whose throughput needs it; the
# app's C1-only options are for a window that mostly waits.
cli_opts() {
  local opt
  for opt in "${java_opts[@]}"; do
    case "$opt" in -XX:TieredStopAtLevel=* | -XX:CICompilerCount=*) ;; *) printf '%s\n' "$opt" ;; esac
  done
}
write_cli_properties $(cli_opts)
if [ "$feature" -ge 25 ] && [ "$platform" = linux ]; then
  log "jpackage: the app image to train the AOT cache on"
  "$jdk/bin/jpackage" --type app-image --dest "$out/train" "${common_opts[@]}" --java-options "${java_opts[*]}"
  stamp_tree "$out/train/$name"
  # The cache goes beside the jars, and both launchers read it: every image and package below is
  # made from the same jars and runtime, so the class path the cache was trained on is theirs too.
  cache_option="$("$here/train-cache.sh" "$out/train/$name" "$out/train/wirepunch.aot")"
  mv "$out/train/wirepunch.aot" "$out/input/"
  rm -rf "$out/train"
  java_opts+=("$cache_option")
  write_cli_properties $(cli_opts)
elif [ "$platform" != linux ]; then
  log "no class cache: it is trained on Linux only (train-cache.sh drives a Linux app image)"
else
  # JDK 17's dynamic AppCDS archive holds the absolute class path it was made on and is refused
  # anywhere else, so an archive trained here would never be used in /opt/wirepunch.
  log "no class cache: JDK $feature has no relocatable AOT cache (JDK 25 has)"
fi

# The packages are made side by side: each spends most of its time compressing.
linux_opts=(--resource-dir "$here/src/main/linux" --linux-shortcut --linux-menu-group "Network;P2P;"
  --linux-app-category net)
# GTK 3 for JavaFX's window and the tray, under each family's package name.
deb_opts=(--linux-package-deps libgtk-3-0)
rpm_opts=(--linux-package-deps gtk3)
# src/main/macos: Info.plist (LSUIElement: a menu-bar app without a Dock icon), the .pkg's postinstall
mac_opts=(--resource-dir "$here/src/main/macos" --mac-package-identifier io.wirepunch.app --mac-package-name Wirepunch)
# The upgrade code is fixed for good: a new version's .msi then replaces the installed one.
win_opts=(--resource-dir "$here/src/main/windows" --win-menu --win-menu-group Wirepunch --win-shortcut
  --win-dir-chooser --win-upgrade-uuid e4175f59-d97f-448d-9be0-54afb0c9cf04)
# xz -6 for both packages (rpmbuild's own default is level 2, 9 % larger here); -9 made the .deb
# only 0.6 % smaller and took minutes longer (docs/benchmarks.md).
mkdir -p "$out/rpm-home"
if [ "${WIREPUNCH_PACKAGE_COMPRESSION:-}" = fast ]; then
  export DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1
  echo '%_binary_payload w1.gzdio' >"$out/rpm-home/.rpmmacros"
else
  export DPKG_DEB_COMPRESSOR_TYPE=xz DPKG_DEB_COMPRESSOR_LEVEL=6
  echo '%_binary_payload w6.xzdio' >"$out/rpm-home/.rpmmacros"
fi
echo '%clamp_mtime_to_source_date_epoch 1' >>"$out/rpm-home/.rpmmacros"
rpm_env=(HOME="$out/rpm-home")
pids=()
for type in "${types[@]}"; do
  case "$type" in
    app-image) dest="$out/dist"; opts=() ;;
    deb) dest="$out/dist"; opts=("${linux_opts[@]}" "${deb_opts[@]}") ;;
    rpm) dest="$out/dist"; opts=("${linux_opts[@]}" "${rpm_opts[@]}") ;;
    dmg|pkg) dest="$out/dist"; opts=("${mac_opts[@]}") ;;
    msi) dest="$out/dist"; opts=("${win_opts[@]}") ;;
    *) echo "build-installers: unknown type $type" >&2; exit 2 ;;
  esac
  log "jpackage: $type"
  env_for_type=()
  [ "$type" != rpm ] || env_for_type=(${rpm_env[@]+"${rpm_env[@]}"})
  # ${a[@]+"${a[@]}"}: an empty array under set -u in macOS's bash 3.2
  env ${env_for_type[@]+"${env_for_type[@]}"} "$jdk/bin/jpackage" --type "$type" --dest "$dest" "${common_opts[@]}" \
    --java-options "${java_opts[*]}" ${opts[@]+"${opts[@]}"} &
  pids+=($!)
done
for pid in ${pids[@]+"${pids[@]}"}; do
  wait "$pid"
done
[ ! -d "$out/dist/$name/lib" ] || stamp_tree "$out/dist/$name"
ls -l "$out/dist" >&2
