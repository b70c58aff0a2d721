#!/usr/bin/env bash
# Installs the Switchboard build in BUILD into a temporary prefix, then
# builds examples/consumer (a separate CMake project: find_package
# (switchboard CONFIG REQUIRED)) against it and runs it, linked statically
# and dynamically, and compiles the same program with pkg-config's flags.
# The prefix is removed at the end, whatever happened.
#
#   tests/examples/install_consumer.sh BUILD SOURCE_DIR
set -euo pipefail
build=$1
source_dir=$2
prefix=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-install-XXXXXX")
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix/usr" > "$prefix/install.log"
echo "installed into $prefix/usr: $(find "$prefix/usr" -type f | wc -l) files"
# Nothing but the public headers, the libraries and the package files.
find "$prefix/usr" -type f | sed "s|$prefix/usr/||" | sort
test -f "$prefix/usr/include/switchboard/engine.h"
test ! -e "$prefix/usr/include/switchboard/route/decider.h"  # internal
# Every public header stands on the installed ones alone (none includes an
# internal header): one file that includes them all compiles against the
# prefix, without the source tree.
(cd "$prefix/usr/include" && find switchboard -name '*.h' | sort | sed 's/.*/#include "&"/') \
  > "$prefix/all_headers.cc"
g++ -std=c++20 -fsyntax-only -I"$prefix/usr/include" "$prefix/all_headers.cc"
cmake -S "$source_dir/examples/consumer" -B "$prefix/consumer" \
  -DCMAKE_PREFIX_PATH="$prefix/usr" -DCMAKE_BUILD_TYPE=Release > "$prefix/configure.log" \
  || { cat "$prefix/configure.log"; exit 1; }
cmake --build "$prefix/consumer" -j2 > "$prefix/build.log" 2>&1 \
  || { cat "$prefix/build.log"; exit 1; }
"$prefix/consumer/consumer_static"
# The shared build finds its library through the RUNPATH CMake sets; the
# SONAME is versioned.
readelf -d "$prefix/consumer/consumer_shared" | grep -E "NEEDED.*libswitchboard\.so\.[0-9]+"
"$prefix/consumer/consumer_shared"
# pkg-config, for a build without CMake.
pc=$(find "$prefix/usr" -name switchboard.pc)
export PKG_CONFIG_PATH="$(dirname "$pc")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
lib=$(pkg-config --variable=libdir switchboard)
# shellcheck disable=SC2046
g++ -O1 -o "$prefix/consumer_pc" "$source_dir/examples/consumer/consumer.cc" \
  $(pkg-config --cflags --libs switchboard) -Wl,-rpath,"$lib"
"$prefix/consumer_pc"
echo "install_consumer: ok"
