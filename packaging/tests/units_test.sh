#!/bin/sh
# units_test.sh PACKAGING_DIR
# systemd-analyze verify accepts the user service and timer. Exit 77 (skipped) without
# systemd-analyze. The service names /usr/bin/bouncescan, which need not exist on the machine
# running the tests, so verify runs on copies that point at the built program instead.
set -eu
src=$1
command -v systemd-analyze >/dev/null 2>&1 || { echo "units_test: no systemd-analyze; skipped"; exit 77; }
bin=${BOUNCESCAN_BINARY:?BOUNCESCAN_BINARY must name the built program}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s|^ExecStart=/usr/bin/bouncescan|ExecStart=$bin|" "$src/bouncescan.service" >"$work/bouncescan.service"
cp "$src/bouncescan.timer" "$work/bouncescan.timer"
grep -q "^ExecStart=$bin " "$work/bouncescan.service" || { echo "units_test: ExecStart not found"; exit 1; }
# --user: they are user units; a private runtime dir so no user manager is needed.
export XDG_RUNTIME_DIR="$work/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
if ! systemd-analyze --user verify --man=no "$work/bouncescan.service" "$work/bouncescan.timer" >"$work/log" 2>&1; then
  cat "$work/log" >&2
  echo "units_test: systemd-analyze verify rejected the units" >&2
  exit 1
fi
# verify exits 0 on some warnings; any output is a finding.
if [ -s "$work/log" ]; then
  cat "$work/log" >&2
  echo "units_test: systemd-analyze verify warned" >&2
  exit 1
fi
echo "units_test: ok"
