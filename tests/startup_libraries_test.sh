#!/bin/sh
# startup_libraries_test.sh BINARY STATIC_CXX
# The program must not be linked against libcurl, libsecret, the glib family, libsqlite3 or
# libidn2: it opens them at run time (dynlib/, storage/) when a command needs them. Built
# with BOUNCESCAN_STATIC_CXX (STATIC_CXX is 1), it must not need libstdc++, libgcc_s,
# libmimetic, libfmt or libtomlplusplus either: loading and relocating those took most of
# the instructions of classifying one message (BENCHMARKS.md).
# Linked, libcurl and libsecret with the ~40 libraries they bring cost every command about
# 20 ms of relocation at start-up, libsqlite3 alone a third of the remaining symbol lookups
# (BENCHMARKS.md), so a link line that brings one back must fail here rather than slow
# `classify` down unnoticed.
set -eu
binary=$1
static_cxx=${2:-0}
fail() { echo "startup_libraries_test: $*" >&2; exit 1; }

needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p')
echo "startup_libraries_test: $(basename "$binary") needs:" $needed
# A listing that lacks libc means readelf was not understood, not that all is well.
echo "$needed" | grep -qx 'libc\.so\.[0-9]*' || fail "cannot read the DT_NEEDED entries of $binary"
bad=$(echo "$needed" | grep -E '^lib(curl|curl-gnutls|secret-1|glib-2\.0|gio-2\.0|gobject-2\.0|sqlite3|idn2)\.so' || true)
[ -z "$bad" ] || fail "$binary is linked against" $bad "- load it at run time (dynlib/) instead"
if [ "$static_cxx" = 1 ]; then
  bad=$(echo "$needed" | grep -E '^lib(stdc\+\+|gcc_s|mimetic|fmt|tomlplusplus)\.so' || true)
  [ -z "$bad" ] || fail "$binary is built with BOUNCESCAN_STATIC_CXX but needs" $bad
fi
echo "startup_libraries_test: ok"
