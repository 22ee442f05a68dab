#!/bin/sh
# Hostile input, bounded and complete (no input may exhaust memory or
# time, none may end a batch without its row), through the
# real programs, memory and time measured with /usr/bin/time -v:
# 1. decoding budgets: a PDF of 100 M "q" operators, a PDF inflating to 5 GiB,
#    a 30000x30000 image in a PDF (refused from its dictionary), a progressive JPEG of 10000x10000, a PNG
#    header declaring 30000x30000: each is one "cannot check" row, exit 2,
#    within the worker's memory limit and a bounded time;
# 2. silent gaps become rows: pages past --max-pages, a symlink to a forged
#    file, a hidden folder, a folder 40 levels deep, an unreadable folder:
#    a not_checked row in every report, counted, exit 2; a clean folder
#    still exits 0;
# 3. SIGTERM: certqr-verify files kills its workers and writes the rows it
#    has; the kiosk exits while its child renders a hostile PDF.
# The inputs are generated here (tests/tools/hostilegen.c). The 1x30000 PNG
# strip (UBSan in lib/scan/filters.c) is replayed from
# tests/fuzz/regressions/fuzz_image by fuzz_brief.sh.
. "$(dirname "$0")/../lib.sh"
plan 48
V=$B/certqr-verify
I=$B/certqr-issue
G=$B/tests/tools/hostilegen
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
S=$T/store
unset CERTQR_TRUST
test_store "$S"

# measured RUN...: /usr/bin/time -v around the command; the exit status
# and the figures (max RSS in KiB of the program and its workers, elapsed
# seconds) land in $T/rc, $T/rss, $T/secs; the output in $T/out, $T/err.
measured() {
	/usr/bin/time -v -o "$T/time" "$@" > "$T/out" 2> "$T/err"
	echo $? > "$T/rc"
	sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/time" > "$T/rss"
	sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$T/time" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%d\n", s + 0.999 }' > "$T/secs"
	echo "# ${*##*/}: exit $(cat "$T/rc"), max RSS $(cat "$T/rss") KiB, $(cat "$T/secs") s"
}
# within DESC MAX_RSS_KIB MAX_S: the last measured run stayed within both
# (and the program ended with a status of its own, 0-2: a crash is not
# "within" anything)
within() {
	rss=$(cat "$T/rss"); secs=$(cat "$T/secs"); rc=$(cat "$T/rc")
	[ "$rc" -le 2 ] && [ -n "$rss" ] && [ "$rss" -le "$2" ] && [ -n "$secs" ] && [ "$secs" -le "$3" ]
	_report $? "$1 (max RSS $rss KiB <= $2, $secs s <= $3)"
}
rc_is() { [ "$(cat "$T/rc")" = "$1" ]; _report $? "$2"; }

# --- 1. decoding budgets ------------------------------------------------------
ok "hostilegen: the inputs are made" sh -c "
	'$G' qbomb '$T/qbomb.pdf' 100000000 && '$G' inflate '$T/inflate.pdf' 5120 &&
	'$G' bigimage '$T/bigimage.pdf' 30000 30000 && '$G' progjpeg '$T/prog.jpg' 10000 10000 &&
	'$G' pngbomb '$T/bomb.png' 30000 30000"
ok "the inputs are small on disk (under 1.5 MB each)" sh -c "[ \$(cat '$T/qbomb.pdf' '$T/inflate.pdf' '$T/bigimage.pdf' '$T/bomb.png' | wc -c) -lt 400000 ] && [ \$(wc -c < '$T/prog.jpg') -lt 1500000 ]"

# the worker's limit is 1536 MiB of address space (under AddressSanitizer its
# resident size, watched by the parent every 250 ms): its RSS stays below
LIM=1800000
measured "$V" files --trust "$S" --jobs 1 "$T/qbomb.pdf"
rc_is 2 "100 M q operators: exit 2 (could not check)"
within "100 M q operators: bounded by the worker's memory limit" $LIM 90
contains "$T/out" "memory limit of 1536 MiB" "100 M q operators: the row names the memory limit"

measured "$V" files --trust "$S" --jobs 1 --cpu-limit 3 "$T/inflate.pdf"
rc_is 2 "PDF inflating to 5 GiB: exit 2"
within "PDF inflating to 5 GiB: bounded by --cpu-limit 3" $LIM 90
contains "$T/out" "CPU limit of 3 s" "PDF inflating to 5 GiB: the row names the CPU limit"

# A refusal before decoding: the worker stays near its starting size (about
# 130 MB; under AddressSanitizer about 340 MB, its shadow and allocator),
# far below the 900 MB one 30000x30000 plane would need.
REFUSED=300000
[ -n "${CERTQR_ASAN_RUN:-}" ] && REFUSED=450000
measured "$V" files --trust "$S" --jobs 1 "$T/bigimage.pdf"
rc_is 2 "30000x30000 image in a PDF: exit 2"
within "30000x30000 image in a PDF: refused from its dictionary, before poppler decodes it" $REFUSED 30
contains "$T/out" "an image of 30000x30000 pixels, beyond the limit" "30000x30000 image: the row gives the declared size"

measured "$V" files --trust "$S" --jobs 1 "$T/prog.jpg"
rc_is 2 "progressive JPEG 10000x10000: exit 2"
within "progressive JPEG: refused from its header, before decoding" $REFUSED 30
contains "$T/out" "(progressive JPEG) needs" "progressive JPEG: the row gives the memory it would need"

measured "$V" files --trust "$S" --jobs 1 "$T/bomb.png"
rc_is 2 "PNG declaring 30000x30000: exit 2"
within "PNG declaring 30000x30000: refused from its header" $REFUSED 30
contains "$T/out" "30000x30000 is outside the limits" "PNG bomb: the row gives the declared size"

# kiosk_drop FILE: the kiosk opens FILE as a dropped file and exits when
# done, measured; its state log in $T/k.jsonl
kiosk_drop() {
	rm -rf "$T/k.jsonl" "$T/kstate"; mkdir -p "$T/kempty" "$T/kstate"
	measured env SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$B/certqr-kiosk" --trust "$S" --state "$T/kstate" \
		--source "play:$T/kempty" --window 640x480 --virtual-clock --no-sound --exit-when-done --open "$1" \
		--state-log "$T/k.jsonl"
}
kiosk_drop "$T/bomb.png"
rc_is 0 "kiosk: a dropped PNG declaring 30000x30000 does not stop it"
within "kiosk: the PNG bomb is refused before SDL_image allocates" 400000 30
contains "$T/k.jsonl" "image 30000x30000 is larger than 8192x8192" "kiosk: the notice gives the declared size"
kiosk_drop "$T/bigimage.pdf"
rc_is 0 "kiosk: a dropped PDF with a 30000x30000 image does not stop it"
within "kiosk: the image is refused from its dictionary" 400000 30
contains "$T/k.jsonl" "an image of 30000x30000 pixels, beyond the limit" "kiosk: the notice gives the image's size"

# --- 2. silent gaps become rows -------------------------------------------------
QR=$(sed -n 's/^qr=//p' "$ROOT/tests/vectors/v1.txt" | head -1)
# a forged code: the vector's signature with one character changed
FORGED=$(printf '%s' "$QR" | sed 's/.$/0/')
[ "$FORGED" = "$QR" ] && FORGED=$(printf '%s' "$QR" | sed 's/.$/1/')
"$G" pages "$T/pages.pdf" 3 "$FORGED"
measured "$V" files --trust "$S" --max-pages 2 --jsonl "$T/p.jsonl" --csv "$T/p.csv" --html "$T/p.html" "$T/pages.pdf"
rc_is 2 "a forged code past --max-pages: exit 2, not 0"
contains "$T/out" "pages.pdf (pages 3-3): 未检查 NOT CHECKED" "pages past the limit: a row for people"
contains "$T/p.jsonl" '"status":"not_checked","reason":"未检查：第 3–3 页' "pages past the limit: a JSON Lines row"
contains "$T/p.csv" ",3-3,not_checked," "pages past the limit: a CSV row"
contains "$T/p.html" "not_checked" "pages past the limit: an HTML row"
contains "$T/err" "3 无法检查 could not be checked" "pages past the limit: counted in the summary"
# (its first two pages hold no code: not checked, so the exit is 2; the
# forged code is still found and counted)
status 2 "the same file with --max-pages 3: every page checked, the two code-less ones counted (exit 2)" "$V" files --trust "$S" --max-pages 3 "$T/pages.pdf"
contains "$T/err" "1 有问题 not authentic or composited" "the same file with --max-pages 3: the forged code is found"

# a clean folder: one issued certificate, exit 0
printf '%s\n' "name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued" \
	"张伟,410102198503120516,4101020000123,2025,,32,64,,,,410100,2025-12-20" > "$T/export.csv"
"$I" batch --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" \
	--out "$T/issued" --passphrase-file "$P" --quiet "$T/export.csv" > /dev/null 2>&1
D=$T/d
mkdir -p "$D"
chmod 755 "$T"
cp "$T/issued/4101020000123-2025-r1.pdf" "$D/genuine.pdf"
status 0 "a folder holding one genuine certificate: exit 0 (the control)" "$V" files --trust "$S" "$D"
qrencode -l M -s 6 -m 4 -o "$T/forged.png" "$FORGED"
ln -s "$T/forged.png" "$D/link.png"
mkdir -p "$D/.hidden" && cp "$T/forged.png" "$D/.hidden/forged.png"
deep=$D/deep; i=0
while [ $i -lt 40 ]; do deep=$deep/d; i=$((i + 1)); done
mkdir -p "$deep" && cp "$T/forged.png" "$deep/forged.png"
mkdir -p "$D/locked" && cp "$T/forged.png" "$D/locked/forged.png"
chmod -R a+rX "$D" && chmod 000 "$D/locked" && chmod 644 "$S"/* 2>/dev/null; chmod 755 "$S"
# as nobody: root reads any folder
mkdir -p "$T/rep" && chmod 1777 "$T/rep"
measured setpriv --reuid=65534 --regid=65534 --clear-groups "$V" files --trust "$S" --jsonl "$T/rep/g.jsonl" \
	--csv "$T/rep/g.csv" --html "$T/rep/g.html" "$D"
[ "$(cat "$T/rc")" = 2 ] && [ -s "$T/out" ]   # exit 2 with its rows, not a failure to start
_report $? "symlink, hidden, deep and unreadable folders: exit 2, never 0"
contains "$T/out" "link.png: 未检查 NOT CHECKED" "a symlink to a forged file: its own row"
contains "$T/out" "not checked: a symbolic link is not followed" "a symlink: the row says why"
contains "$T/out" ".hidden: 未检查 NOT CHECKED" "a hidden folder: its own row"
contains "$T/out" "folder nested more than 32 levels deep" "a folder 40 levels deep: its row"
contains "$T/out" "locked: 未检查 NOT CHECKED" "an unreadable folder: its own row"
contains "$T/out" "folder cannot be read: Permission denied" "an unreadable folder: the row says why"
contains "$T/out" "genuine.pdf: 真实有效" "the genuine file keeps its row"
contains "$T/err" "4 无法检查 could not be checked" "the four gaps are counted"
ok "every report has the four not_checked rows" sh -c "[ \$(grep -c not_checked '$T/rep/g.jsonl') = 4 ] && [ \$(grep -c ',not_checked,' '$T/rep/g.csv') = 4 ] && [ \$(grep -c 'data-status=\"not_checked\"' '$T/rep/g.html') = 4 ]"
chmod 755 "$D/locked"

# --- 3. SIGTERM ---------------------------------------------------------------
# term_when_busy PID NAME: SIGTERM once PID has a child process called NAME
# (a worker forked from it), waiting at most 30 s
# (returns 1 if none came: the SIGTERM then proves nothing)
term_when_busy() {
	i=0
	while [ $i -lt 300 ] && ! pgrep -P "$1" -x "$2" > /dev/null; do sleep 0.1; i=$((i + 1)); done
	busy=0
	pgrep -P "$1" -x "$2" > /dev/null || busy=1
	kill -TERM "$1"
	return $busy
}
# the batch: the inflation bomb first (its worker runs when SIGTERM comes,
# and would run for its 60 s CPU limit), then genuine files
rm -rf "$D/.hidden" "$D/deep" "$D/locked" "$D/link.png"
cp "$T/inflate.pdf" "$D/a.pdf"; cp "$D/genuine.pdf" "$D/z1.pdf"; cp "$D/genuine.pdf" "$D/z2.pdf"
"$V" files --trust "$S" --jobs 1 --jsonl "$T/t.jsonl" "$D" > "$T/out" 2> "$T/err" &
pid=$!
term_when_busy $pid certqr-verify; fbusy=$?
t0=$(date +%s)
wait $pid
echo $? > "$T/rc"
t1=$(date +%s)
echo "# files: exit $(cat "$T/rc") $((t1 - t0)) s after SIGTERM"
rc_is 2 "files: SIGTERM during a batch: exit 2"
ok "files: exits within 3 s of SIGTERM sent while a worker runs (the bomb alone may take 60 s)" \
	sh -c "[ $fbusy -eq 0 ] && [ $((t1 - t0)) -le 3 ]"
contains "$T/t.jsonl" "the batch was interrupted (signal 15)" "files: SIGTERM: the JSON Lines report is written, the files not checked say so"
ok "files: SIGTERM: every file has its row (4)" sh -c "[ \$(grep -c '\"file\":' '$T/t.jsonl') = 4 ]"

rm -rf "$T/k.jsonl" "$T/kstate"; mkdir -p "$T/kstate"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$B/certqr-kiosk" --trust "$S" --state "$T/kstate" \
	--source "play:$T/kempty" --window 640x480 --virtual-clock --no-sound --open "$T/inflate.pdf" > /dev/null 2>&1 &
kp=$!
term_when_busy $kp certqr-kiosk; kbusy=$?
t0=$(date +%s)
wait $kp
krc=$?
t1=$(date +%s)
echo "# kiosk: exit $krc $((t1 - t0)) s after SIGTERM while its child renders"
ok "kiosk: a clean exit on SIGTERM (status 0)" [ $krc -eq 0 ]
ok "kiosk: exits within 3 s of SIGTERM sent while its child renders a hostile PDF (was 29 s)" \
	sh -c "[ $kbusy -eq 0 ] && [ $((t1 - t0)) -le 3 ]"

