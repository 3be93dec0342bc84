#!/usr/bin/env bash
# Side by side: R MatchIt vs globalmidt-effects match on one firm-like table
# (N1 treated vs N0 controls, exact region x industry strata, covariates fte, turnover, growth).
# Usage: benchmarks/matchit-side-by-side/run.sh [N0=300000] [N1=1400]
#   DISTANCES="mahalanobis glm" (default both)  WORK=dir (keeps the CSV between runs)  RUNS=1 (runs of ours)
#   R2R=1 (default): our CLI published ReadyToRun (precompiled, as a user should install it; docs/performance.md);
#   R2R=0: the plain `dotnet build` output (just-in-time compiled at first use: about 2x the fit + match time)
# Prints, per method: the load average, matchit() time, whole Rscript time (read.csv + matchit), R's peak RSS,
# our CLI phases (load, fit, match) and whole process time and peak RSS, and the ratios of the same run.
set -euo pipefail
N0=${1:-300000}
N1=${2:-1400}
DISTANCES=${DISTANCES:-mahalanobis glm}
RUNS=${RUNS:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-$(mktemp -d)}
CSV=$WORK/firms_${N1}_${N0}.csv

R2R=${R2R:-1}
if [ "$R2R" = 1 ]; then
  RID=${RID:-$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')}
  CLIDIR="$WORK/globalmidt-effects-r2r"
  dotnet publish "$ROOT/src/GlobalMidt.Effects.Cli" -c Release -r "$RID" --self-contained false \
    -p:PublishReadyToRun=true -o "$CLIDIR" -v quiet -nologo >/dev/null
  CLI="$CLIDIR/globalmidt-effects"
else
  dotnet build "$ROOT/src/GlobalMidt.Effects.Cli" -c Release -v quiet -nologo >/dev/null
  CLI="$ROOT/src/GlobalMidt.Effects.Cli/bin/Release/net10.0/globalmidt-effects"
fi

[ -f "$CSV" ] || Rscript "$HERE/make_data.R" "$CSV" "$N0" "$N1"

run_r() { # $1 = distance; prints: matchit() seconds, matched, Rscript seconds, peak RSS MB
  /usr/bin/time -f "%e %M" -o "$WORK/r_$1.time" Rscript - "$CSV" "$1" <<'RS' > "$WORK/r_$1.txt"
a <- commandArgs(TRUE); suppressPackageStartupMessages(library(MatchIt))
d <- read.csv(a[1]); d$region <- factor(d$region); d$industry <- factor(d$industry)
t <- system.time(m <- suppressWarnings(matchit(treat ~ fte + turnover + growth, data = d, method = "nearest",
  distance = a[2], exact = ~ region + industry)))[["elapsed"]]
cat(sprintf("%.3f %d\n", t, sum(!is.na(m$match.matrix[, 1]))))
RS
  read -r wall rss < "$WORK/r_$1.time"
  echo "$(cat "$WORK/r_$1.txt") $wall $((rss / 1024))"
}

run_ours() { # $1 = distance; prints: process seconds, peak RSS MB
  /usr/bin/time -f "%e %M" -o "$WORK/ours_$1.time" "$CLI" match --data "$CSV" --treat treat --id id \
    --covariates fte,turnover,growth --exact region,industry \
    --distance "$1" --out "$WORK/ours_$1.csv" --timings > "$WORK/ours_$1.txt" 2> "$WORK/ours_$1.err"
  read -r wall rss < "$WORK/ours_$1.time"
  echo "$wall $((rss / 1024))"
}

printf "data: %s (%s treated, %s controls, 5 regions x 10 industries); %s; ours: %s; %s\n" "$CSV" "$N1" "$N0" "$(nproc) cores" "$([ "$R2R" = 1 ] && echo "ReadyToRun publish" || echo "dotnet build")" "$(uptime | sed 's/.*load/load/')"
for dist in $DISTANCES; do
  read -r rt rmatched rproc rrss <<< "$(run_r "$dist")"
  for run in $(seq "$RUNS"); do
    read -r oproc orss <<< "$(run_ours "$dist")"
    oload=$(awk '/^load:/ {print $2}' "$WORK/ours_$dist.err")
    ofit=$(awk '/^fit:/ {print $2}' "$WORK/ours_$dist.err")
    omatch=$(awk '/^match:/ {print $2}' "$WORK/ours_$dist.err")
    omatched=$(awk '/^matched treated:/ {print $3}' "$WORK/ours_$dist.txt")
    printf "%-12s R matchit(): %7.3f s  Rscript: %7.3f s (%s MB)  matched %s | ours load %s + fit %s + match %s s, process %6.3f s (%s MB), matched %s | matchit()/(fit+match) = %.1fx, Rscript/process = %.1fx | %s\n" \
      "$dist" "$rt" "$rproc" "$rrss" "$rmatched" "$oload" "$ofit" "$omatch" "$oproc" "$orss" "$omatched" \
      "$(echo "$rt / ($ofit + $omatch)" | bc -l)" "$(echo "$rproc / $oproc" | bc -l)" "$(uptime | sed 's/.*load average: //')"
  done
done
