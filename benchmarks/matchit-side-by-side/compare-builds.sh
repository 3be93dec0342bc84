#!/usr/bin/env bash
# Compares two builds of globalmidt-effects on many `match` configurations: pairs files, stdout, stderr and exit
# codes must be identical (after the output folder's name). Inputs are made from the side-by-side table (run.sh's
# CSV): a 3,060-row sample with its variants (CRLF, BOM, quotes, decimal commas, bad inputs) and the whole table.
# Usage: compare-builds.sh CLI_A CLI_B [CSV=/tmp/sbs/firms_1400_300000.csv] [WORK=temporary folder]
set -uo pipefail
A=$(realpath "$1"); B=$(realpath "$2"); CSV=$(realpath "${3:-/tmp/sbs/firms_1400_300000.csv}"); WORK=${4:-$(mktemp -d)}
IN=$WORK/inputs; mkdir -p "$IN"; cd "$IN" || exit 2
head -3001 "$CSV" > base.csv; awk -F, 'NR>3001 && $2==1' "$CSV" | head -60 >> base.csv
awk -F, 'BEGIN{OFS=","} NR>1 && NR%2==0 {$5="abc"} {print}' base.csv > halftext.csv      # a half-text column
awk -F, 'BEGIN{OFS=","} NR==50 {$6="12x4"} {print}' base.csv > badnum.csv                 # a bad number
: > empty.csv                                                                              # an empty file
{ printf 'id,treat,region,industry,fte,turnover\n'; tail -n +2 base.csv | cut -d, -f1-6; } > missingcol.csv
head -1 base.csv > headeronly.csv
awk -F, 'BEGIN{OFS=","} NR==70 {$7="NA"} {print}' base.csv > missing.csv
{ cat base.csv; sed -n 5p base.csv; } > dupid.csv
awk -F, 'BEGIN{OFS=","} NR==20 {$2="2"} {print}' base.csv > badtreat.csv
sed 's/$/\r/' base.csv > crlf.csv
{ printf '\xEF\xBB\xBF'; cat base.csv; } > bom.csv
sed 's/,/;/g; s/\([0-9]\)\.\([0-9]\)/\1,\2/g' base.csv > semicolon.csv
awk -F, 'BEGIN{OFS=","} NR==10 {$3="\"" $3 "\""} {print}' base.csv > quoted.csv
sed 's/,/ , /g' base.csv > spaces.csv
awk -F, 'BEGIN{OFS=","} NR>1 {$2=($2==1?"TRUE":"false")} {print}' base.csv > booltreat.csv
awk 'NR==100{print ""} {print}' base.csv > emptyline.csv
head -c -1 base.csv > nofinalnewline.csv
{ cat base.csv; for i in $(seq 1 30); do echo "X$i,0,R9,99,1.$i,10$i,0.$i"; done; } > notreatstrata.csv
awk -F, 'BEGIN{OFS=","} NR==30 {$3="Sjælland"} {print}' base.csv > utf8exact.csv
gzip -kf base.csv
cases() { # $1 = output folder, $2 = CLI
  local out=$1 cli=$2
  mkdir -p "$out"
  run() { local name=$1; shift; "$cli" match "$@" --out "$out/$name.pairs.csv" > "$out/$name.out" 2> "$out/$name.err"; echo "$?" > "$out/$name.rc"; }
  local C=(--treat treat --id id --covariates fte,turnover,growth --exact region,industry)
  for f in *.csv base.csv.gz; do run "file_$f" --data "$f" "${C[@]}"; done
  run missing_drop --data missing.csv "${C[@]}" --missing drop
  run categorical1 --data base.csv --treat treat --id id --covariates fte,turnover,region --exact industry
  run categorical2 --data base.csv --treat treat --id id --covariates fte,region,industry
  for d in mahalanobis scaled_euclidean glm euclidean; do
    run "d_$d" --data base.csv "${C[@]}" --distance $d
    run "notreat_$d" --data notreatstrata.csv "${C[@]}" --distance $d
    run "ratio3_$d" --data base.csv "${C[@]}" --distance $d --ratio 3
    run "replace_$d" --data base.csv "${C[@]}" --distance $d --replace --ratio 2
    for t in 1 2 3; do run "threads${t}_$d" --data base.csv "${C[@]}" --distance $d --threads $t; done
  done
  run random --data base.csv "${C[@]}" --order random
  run noexact --data base.csv --treat treat --id id --covariates fte,turnover,growth
  run stdin --data - "${C[@]}" < base.csv
  run caliper --data base.csv "${C[@]}" --distance glm --caliper 0.1 --discard both
  for d in mahalanobis scaled_euclidean glm euclidean; do run "big_$d" --data "$CSV" "${C[@]}" --distance $d; done
  run big_ratio3 --data "$CSV" "${C[@]}" --ratio 3
  run big_replace --data "$CSV" "${C[@]}" --replace --ratio 2
  for t in 1 2 3; do run "big_threads$t" --data "$CSV" "${C[@]}" --threads $t; done
  run big_categorical --data "$CSV" --treat treat --id id --covariates fte,turnover,growth,region --exact industry
}
cases "$WORK/a" "$A"; cases "$WORK/b" "$B"
dump() { (cd "$1" && for f in *; do echo "== $f"; sed "s#$1/##" "$f"; done); }
if diff <(dump "$WORK/a") <(dump "$WORK/b") > "$WORK/diff.txt"; then
  echo "identical: $(ls "$WORK/a"/*.rc | wc -l) configurations (pairs, stdout, stderr, exit code) in $WORK"
else
  echo "DIFFERENT: see $WORK/diff.txt"; exit 1
fi
