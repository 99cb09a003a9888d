#!/bin/sh
# deb_test.sh BUILD_DIR
# Builds the .deb with cpack from BUILD_DIR, unpacks it into a temporary root and checks that
# it holds the files a user needs, that they work there, and that its control fields are right.
set -eu
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb_test: $*" >&2; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
set -- "$work"/out/bouncescan_*.deb
[ $# -eq 1 ] && [ -f "$1" ] || fail "expected one bouncescan_*.deb, got: $*"
deb=$1
echo "deb_test: built $(basename "$deb") ($(wc -c <"$deb") bytes)"

# Control fields.
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = bouncescan ] || fail "Package is '$(field Package)'"
version=$(sed -n 's/^project(bouncescan VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")
[ -n "$version" ] || fail "cannot read the project version from CMakeLists.txt"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', project says $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
[ "$(field Section)" = mail ] || fail "Section is '$(field Section)'"
# Depends must name the package of every shared library the program needs: those it links
# (filled by dpkg-shlibdeps, so a new one shows up here without anyone listing it) and those
# it opens at run time (dynlib/; listed by hand in packaging/CMakeLists.txt), found as the
# sonames written in the program.
depends=$(field Depends)
echo "deb_test: Depends: $depends"
deps=$(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ :].*//')
sonames=$({ objdump -p "$build/bouncescan" | awk '/NEEDED/ {print $2}'
            strings -n 6 "$build/bouncescan" | grep -E '^lib[A-Za-z0-9_+-]*\.so\.[0-9]+$'; } | sort -u)
for soname in libcurl.so.4 libsecret-1.so.0 libsqlite3.so.0 libidn2.so.0; do
  echo "$sonames" | grep -qxF "$soname" || fail "the program no longer names $soname: update this test"
done
# dpkg knows a library by the path its package ships it under, /lib or /usr/lib (usrmerge):
# ask once about every candidate path (dpkg -S reads its whole database on each call).
: >"$work/paths"
for soname in $sonames; do
  lib=$(ldconfig -p | awk -v s="$soname" '$1 == s {print $NF; exit}')
  [ -n "$lib" ] || fail "cannot find $soname"
  printf '%s %s\n%s %s\n%s %s\n' "$soname" "$lib" "$soname" "$(readlink -f "$lib")" "$soname" "/usr$lib" >>"$work/paths"
done
dpkg -S $(awk '{print $2}' "$work/paths" | sort -u) 2>/dev/null | sed 's/:[^ ]*: / /; s/: / /' >"$work/owners" || true
checked=0
for soname in $(awk '{print $1}' "$work/paths" | sort -u); do
  pkg=$(awk -v s="$soname" '$1 == s {print $2}' "$work/paths" | while read -r path; do
          awk -v p="$path" '$2 == p {print $1; exit}' "$work/owners"; done | head -n1)
  [ -n "$pkg" ] || fail "no package owns $soname"
  echo "$deps" | grep -qx "$pkg" || fail "Depends lacks $pkg (for $soname)"
  checked=$((checked + 1))
done
echo "deb_test: Depends covers the packages of all $checked shared libraries"

# Files, unpacked into a temporary root.
root=$work/root
dpkg-deb -x "$deb" "$root"
for f in /usr/bin/bouncescan \
         /usr/lib/systemd/user/bouncescan.service /usr/lib/systemd/user/bouncescan.timer \
         /usr/share/doc/bouncescan/config.sample.toml /usr/share/doc/bouncescan/cron.example \
         /usr/share/doc/bouncescan/README.md /usr/share/man/man1/bouncescan.1.gz \
         /usr/share/bash-completion/completions/bouncescan; do
  [ -f "$root$f" ] || fail "the package lacks $f"
done
[ -x "$root/usr/bin/bouncescan" ] || fail "/usr/bin/bouncescan is not executable"
# Nothing outside /usr, and no build-tree leftovers (tests, libraries, headers).
outside=$(cd "$root" && find . -mindepth 1 -maxdepth 1 ! -name usr)
[ -z "$outside" ] || fail "files outside /usr: $outside"
extra=$(cd "$root" && find . -type f | grep -E '\.(a|h|so)$|_test$' || true)
[ -z "$extra" ] || fail "unexpected files: $extra"
listed=$(dpkg-deb -c "$deb" | awk '{print $1}' | grep -c '^-' || true)
echo "deb_test: $listed files"

# The installed program runs and the unit starts it where it is installed.
"$root/usr/bin/bouncescan" --version | grep -qx "bouncescan $version" || fail "installed --version is wrong"
grep -q '^ExecStart=/usr/bin/bouncescan .*run$' "$root/usr/lib/systemd/user/bouncescan.service" ||
  fail "the service does not run /usr/bin/bouncescan run"
# The installed man page is the source page, compressed; the completion script parses.
gzip -dc "$root/usr/share/man/man1/bouncescan.1.gz" | cmp -s - "$(dirname "$0")/../bouncescan.1" ||
  fail "the installed man page differs from packaging/bouncescan.1"
bash -n "$root/usr/share/bash-completion/completions/bouncescan" || fail "the installed completion does not parse"
echo "deb_test: ok"
