#!/usr/bin/env bash
# A matching table from the generator's register (one row per firm at the baseline), for the propensity-score case
# of issue 13: N1 participants vs every other firm, region and 2-digit industry as categorical covariates.
# Usage: benchmarks/matchit-side-by-side/register_table.sh DIR OUT.csv [N1=1400] [BASELINE=2008H2] [HISTORY=2006H2]
#   DIR: the output folder of `globalmidt-effects generate --firms 300000 --seed 1 --out DIR` (plain CSV, not --gzip)
# Writes id,treat,region,industry,fte,turnover,growth: treat = 1 for the first N1 distinct participants of
# DIR/participants.csv (file order) present at the baseline, 0 for firms that are no participant; industry = "I" and
# the first two digits of the DB07 code (text, so a factor); growth = log(1 + FTE at baseline) - log(1 + FTE at the
# history start), 0 without history.
set -euo pipefail
DIR=$1
OUT=$2
N1=${3:-1400}
BASELINE=${4:-2008H2}
HISTORY=${5:-2006H2}
awk -F, -v n1="$N1" -v base="$BASELINE" -v hist="$HISTORY" '
  FNR == 1 { file++; next }
  file == 1 { if (!($1 in part)) { part[$1] = 1; order[++np] = $1 } next }
  $2 == hist { h[$1] = $7; next }
  $2 == base { ids[++nf] = $1; reg[$1] = $4; ind[$1] = substr($5, 1, 2); fte[$1] = $7; to[$1] = $8 }
  END {
    for (i = 1; i <= np && nt < n1; i++) if (order[i] in fte) { treat[order[i]] = 1; nt++ }
    print "id,treat,region,industry,fte,turnover,growth"
    for (i = 1; i <= nf; i++) {
      f = ids[i]
      if ((f in part) && !(f in treat)) continue
      g = (f in h) ? log(1 + fte[f]) - log(1 + h[f]) : 0
      printf "%s,%d,%s,I%s,%s,%s,%.6f\n", f, (f in treat) ? 1 : 0, reg[f], ind[f], fte[f], to[f], g
    }
  }' "$DIR/participants.csv" "$DIR/firms.csv" > "$OUT"
