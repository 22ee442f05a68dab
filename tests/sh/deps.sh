#!/bin/sh
# The two commands on a fresh machine depend on one list: tools/deps/. Every
# pkg-config module the native and the arm64 builds ask for is a row of
# tools/deps/modules.tab; config.mk refuses any other; and after the deps step
# each row resolves, so a package missing from the lists shows here by name
# rather than as a compiler error on a user's first `make test`.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT"
tab=tools/deps/modules.tab
ARM64_PC_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig

ok "the native deps step finds everything installed" sh tools/deps.sh
ok "the arm64 deps step finds everything installed" sh tools/deps.sh arm64
awk '!/^#/ && NF >= 2 {print $1}' "$tab" > "$T/native"
awk '!/^#/ && NF >= 3 && $3 == "arm64" {print $1}' "$tab" > "$T/arm64"
ok "modules.tab names at least the core's libsodium" grep -qx libsodium "$T/native"
ok "modules.tab marks the kiosk's SDL2_image for arm64" grep -qx SDL2_image "$T/arm64"
while read -r m; do
	ok "native: pkg-config resolves $m" pkg-config --exists "$m"
done < "$T/native"
while read -r m; do
	ok "arm64: pkg-config resolves $m" env PKG_CONFIG_LIBDIR="$ARM64_PC_LIBDIR" pkg-config --exists "$m"
done < "$T/arm64"

# Each arm64 row installs as package:arm64, each row's package natively.
sh tools/deps.sh --list > "$T/list-native"
sh tools/deps.sh --list arm64 > "$T/list-arm64"
while read -r m p rest; do
	case $m in '#'* | '') continue ;; esac
	ok "deps list installs $p (for $m)" grep -qx "$p" "$T/list-native"
	case $rest in arm64*) ok "arm64 deps list installs $p:arm64 (for $m)" grep -qx "$p:arm64" "$T/list-arm64" ;; esac
done < "$tab"
# arm64.txt names those packages in a comment, for whoever reads it: the
# comment must be the table's arm64 rows, no more, no fewer.
awk '$3 ~ /^arm64/ { print $2 ":arm64" }' "$tab" | sort > "$T/arm64-tab"
sed -n 's/^#   //p' "$ROOT/tools/deps/arm64.txt" | tr ' ' '\n' | grep ':arm64$' | sort > "$T/arm64-said"
ok "tools/deps/arm64.txt's comment names exactly the table's arm64 rows" cmp "$T/arm64-tab" "$T/arm64-said"

# Every module a makefile names literally is declared (the fuzz and sanitizer
# builds are not all built by make test, so read them too).
for f in lib/*.mk tools/*.mk tests/*.mk firmware/*.mk; do
	sed -n 's/.*_PKGS *[:?]*= *\(.*\)/\1/p; s/.*call pc_\(cflags\|libs\),\([^$)][^)]*\)).*/\2/p' "$f"
done | tr ' ' '\n' | grep -v '^$' | grep -v '^\$' | sort -u > "$T/named"
ok "the makefiles name some modules" test -s "$T/named"
while read -r m; do
	ok "module $m named in a makefile is declared in $tab" grep -qx "$m" "$T/native"
done < "$T/named"

# config.mk refuses an undeclared module, and the arm64 build a laptop-only one.
printf 'include config.mk\nx:\n\t@echo "$(call pc_libs,%s)"\n' gtk+-3.0 > "$T/undeclared.mk"
status 2 "an undeclared module stops make" make --no-print-directory -f "$T/undeclared.mk" x
contains "$T/err" "gtk+-3.0 not declared for native in tools/deps/modules.tab" "...naming the module and the table"
printf 'include config.mk\nx:\n\t@echo "$(call pc_libs,%s)"\n' poppler-glib > "$T/laptop.mk"
status 2 "the arm64 build may not ask for a module not marked arm64" make --no-print-directory -f "$T/laptop.mk" PC_ARCH=arm64 x
contains "$T/err" "poppler-glib not declared for arm64" "...naming the module"
status 2 "an unresolvable module stops make" make --no-print-directory -f "$T/laptop.mk" PKG_CONFIG=false x
contains "$T/err" "pkg-config cannot resolve 'poppler-glib' (native); run: tools/deps.sh" "...saying how to install it"
