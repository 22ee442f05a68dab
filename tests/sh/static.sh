#!/bin/sh
# Static analysis of lib/, tools/ and firmware/ (docs/hardening.md):
# cppcheck (warning, portability, performance) and clang-tidy with
# tests/hardening/clang-tidy.yaml. Any finding fails, unless suppressed
# inline with a reason or listed with a reason in
# tests/hardening/static-suppressions.txt. Analyses files under version
# control (all of them outside git). clang-tidy results are cached per file
# content in $BUILD/static, so an unchanged tree re-checks in seconds.
. "$(dirname "$0")/../lib.sh"
if [ -n "${CERTQR_ASAN_RUN:-}" ]; then
	echo "# static: not repeated inside the ASan run"
	exit 0
fi
plan 2
cd "$ROOT"
SB=${BUILD%/}/static
mkdir -p "$SB"
H=tests/hardening
if git rev-parse --git-dir > /dev/null 2>&1; then
	files=$(git ls-files 'lib/*.c' 'tools/*.c' 'firmware/*.c')
else
	files=$(find lib tools firmware -name '*.c' | sort)
fi
# drop suppressed findings: lines "path:line:col: ... [check]" / cppcheck "[id]"
filter() { # $1 tool, stdin findings
	awk -v tool="$1" -v sup="$H/static-suppressions.txt" '
		BEGIN { while ((getline l < sup) > 0) { sub(/#.*/, "", l); split(l, f, " ");
			if (f[1] == tool) s[f[2] " " f[3]] = 1 } }
		{ path = $0; sub(/:.*/, "", path); check = $0; sub(/.*\[/, "", check); sub(/\].*/, "", check)
		  n = split(check, cs, ","); drop = 0
		  for (i = 1; i <= n; i++) if ((path " " cs[i]) in s) drop = 1
		  if (!drop) print }'
}
pkgs="libsodium zbar libpng libjpeg poppler-glib cairo harfbuzz sdl2 libqrencode"
inc="-Iinclude -Ilib $(pkg-config --cflags-only-I $pkgs 2>/dev/null)"

# cppcheck: one pass over every file.
cppcheck --quiet --enable=warning,portability,performance --inline-suppr --std=c11 \
	--template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
	-D__GNUC__ -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib $files > "$SB/cppcheck.raw" 2>&1
grep -E '^[^ ]+:[0-9]+:[0-9]+: ' "$SB/cppcheck.raw" | filter cppcheck > "$SB/cppcheck.txt"
cp "$SB/cppcheck.txt" "$T/out"; : > "$T/err"
[ ! -s "$SB/cppcheck.txt" ]; _report $? "cppcheck clean on $(echo $files | wc -w) files ($(wc -l < "$SB/cppcheck.txt") findings)"

# clang-tidy: files whose content, headers or configuration changed since
# their last clean check, two at a time. The analyzer explores at most
# STATIC_MAX_NODES nodes per function: 75 000 in `make test`, the budget of
# clang's own "shallow" mode (deep mode's inlining kept). Deep mode's default
# of 225 000 took twice the CPU (203 s against 95 s for the 97 files,
# the largest single cost of `make test` on a clean clone) and found nothing
# the smaller budget does not; `make static` runs it.
nodes=${STATIC_MAX_NODES:-75000}
conf=$( (cat $H/clang-tidy.yaml $H/analyze.h include/certqr/*.h lib/*.h $0; echo "$nodes") | sha256sum | cut -c1-16)
todo=""
for f in $files; do
	key=$( (echo "$conf"; cat "$f") | sha256sum | cut -c1-32)
	[ -f "$SB/ok/$key" ] || todo="$todo $f:$key"
done
mkdir -p "$SB/ok" "$SB/tidy"
echo "$todo" | tr ' ' '\n' | grep . | xargs -r -P2 -n1 sh -c '
	f=${3%:*}; key=${3##*:}; out=$1/tidy/$(echo "$f" | tr / _).txt
	extra=""; [ "$f" = lib/error.c ] && extra=-DCQ_ANALYZE_ERROR_C
	clang-tidy --quiet --config-file=$2/clang-tidy.yaml "$f" -- -std=c11 -D_POSIX_C_SOURCE=200809L \
		-D_DEFAULT_SOURCE -Wno-unused-value $extra -include $2/analyze.h '"$inc"' \
		-Xclang -analyzer-config -Xclang max-nodes='"$nodes"' > "$out" 2>&1
	if ! grep -qE "(warning|error):" "$out"; then : > "$1/ok/$key"; fi' sh "$SB" "$H"
: > "$SB/clang-tidy.txt"
for x in $todo; do
	f=${x%:*}
	o=$SB/tidy/$(echo "$f" | tr / _).txt
	[ -f "$o" ] && grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$o" | sed "s|^$ROOT/||" | filter clang-tidy >> "$SB/clang-tidy.txt"
done
cp "$SB/clang-tidy.txt" "$T/out"; : > "$T/err"
nt=$(echo $todo | wc -w)
[ ! -s "$SB/clang-tidy.txt" ]; _report $? "clang-tidy clean ($nt of $(echo $files | wc -w) files analysed, the rest unchanged since a clean check; $(wc -l < "$SB/clang-tidy.txt") findings)"
