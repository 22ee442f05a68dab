#!/bin/sh
# make bench: runs every tests/bench/*.sh; each prints "name: value unit" lines.
set -u
BUILD=${BUILD:-build}
export BUILD
cd "$(dirname "$0")/.."
rc=0
for b in tests/bench/*.sh; do
	[ -f "$b" ] || continue
	case $(basename "$b") in *"${BENCH:-}"*) ;; *) continue ;; esac
	echo "# $(basename "$b" .sh)"
	sh "$b" || { echo "# $(basename "$b") failed" >&2; rc=1; }
done
exit $rc
