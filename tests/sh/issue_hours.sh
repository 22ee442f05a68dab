#!/bin/sh
# certqr-issue hours: the art. 7 calculator through the real program.
. "$(dirname "$0")/../lib.sh"
plan 27
I="$B/certqr-issue"
cat > "$T/acts.csv" <<'CSV'
activity,rank,quantity
conference-national,,3
conference-national-paper,,1
project-provincial,2,1
paper-issn-cn,1,1
exam-intermediate,,1
service-grassroots,,2
CSV
ok "hours: computes" "$I" hours --year 2025 "$T/acts.csv"
contains "$T/out" "row 2: conference-national, 3 day: 18 h professional" "hours: 6 h a national conference day"
contains "$T/out" "row 4: project-provincial rank 2, 1 year: 52 h professional" "hours: provincial project, rank 2"
contains "$T/out" "row 6: exam-intermediate, 1 item: 60 h professional" "hours: intermediate qualification exam"
contains "$T/out" "professional: 184 h" "hours: professional total (18+6+52+36+60+12)"
contains "$T/out" "public: 0 h" "hours: nothing public"
contains "$T/out" "2025 rule (region 41): public 30, professional 60, total 90" "hours: the year's rule"
contains "$T/out" "public: short" "hours: public short"
contains "$T/out" "professional: met" "hours: professional met"
printf 'activity,rank,quantity\naid-year,,1\n' > "$T/aid.csv"
ok "hours: aid year" "$I" hours --year 2025 "$T/aid.csv"
contains "$T/out" "the whole year's public+professional hours" "hours: aid year credits the whole year"
contains "$T/out" "total: met" "hours: aid year meets the rule"
printf 'activity,rank,quantity\nkaraoke,,1\nproject-national,,1\npatent-invention,4,1\nbook,1,2\n' > "$T/bad.csv"
status 1 "hours: bad lines are exit 1" "$I" hours "$T/bad.csv"
contains "$T/out" "row 2: rejected: activity: unknown activity 'karaoke'" "hours: unknown activity"
contains "$T/out" "row 3: rejected: rank: project-national is credited by rank" "hours: rank required"
contains "$T/out" "row 4: patent-invention rank 4: 0 h (only ranks 1..3 are credited)" "hours: rank past the table"
contains "$T/out" "professional: 32 h" "hours: the good line still counts (2 x 16)"
printf 'sport day public 2\n' > "$T/table.txt"
printf 'activity,rank,quantity\nsport,,5\n' > "$T/sport.csv"
ok "hours: a table from a file" "$I" hours --table "$T/table.txt" "$T/sport.csv"
contains "$T/out" "public: 10 h" "hours: the file's values are used"
printf 'sport day civic 2\n' > "$T/badtable.txt"
status 3 "hours: a bad table is refused" "$I" hours --table "$T/badtable.txt" "$T/sport.csv"
contains "$T/err" "line 1: category must be public, professional or both" "hours: names the table line"
ok "hours: --list" "$I" hours --list
contains "$T/out" "project-national             year       professional        68 60 52 44 36" "hours: --list shows ranks"
cp "$T/out" "$T/list"
ok "hours: --list equals tools/data/hours-art7.txt" sh -c "'$I' hours --table '$ROOT/tools/data/hours-art7.txt' --list > '$T/list2' && test -s '$T/list' && cmp '$T/list2' '$T/list'"
ok "hours: stdin" sh -c "'$I' hours < '$T/acts.csv'"
status 3 "hours: a missing header is refused" sh -c "printf 'x,1,2\n' | '$I' hours -"
status 2 "hours: bad --year" "$I" hours --year 1999 "$T/acts.csv"
