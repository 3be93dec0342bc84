#!/bin/bash
# measure on a generated register against gzip -dc of its firms file, in the same run, alternating two CLI builds.
# usage: run.sh ROUNDS DIR BEFORE_BIN_DIR AFTER_BIN_DIR
#   DIR: the output of `globalmidt-effects generate --firms 1000000 --seed 1 --gzip --out DIR`
#   *_BIN_DIR: bin/Release/net10.0 of two `dotnet build src/GlobalMidt.Effects.Cli -c Release` (ReadyToRun)
# Per round: the load average, then `wall user sys peak-KB` of gzip -dc, before and after (with their --timings
# phases), and whether the two reports are identical. Runs under nice -n 10 (the machine is shared).
set -u
R=$1; D=$2; B=$3; A=$4
OUT=${OUT:-$(mktemp -d)}
for i in $(seq 1 "$R"); do
  echo "round $i load average $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "gzip %e %U %S %M" nice -n 10 gzip -dc "$D/firms.csv.gz" 2>&1 > /dev/null
  for v in before after; do
    dir=$B; [ "$v" = after ] && dir=$A
    /usr/bin/time -f "$v %e %U %S %M" nice -n 10 "$dir/globalmidt-effects" measure --firms "$D/firms.csv.gz" \
      --participants "$D/participants.csv" --budgets "$D/budgets.csv" --timings --out "$OUT/$v.txt" 2>&1 | tr '\n' ' '
    echo
  done
  cmp -s "$OUT/before.txt" "$OUT/after.txt" && echo "reports identical" || echo "REPORTS DIFFER"
done
