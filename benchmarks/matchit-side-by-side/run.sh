#!/usr/bin/env bash
# Side by side: R MatchIt vs globalmidt-effects match on one firm-like table
# (N1 treated vs N0 controls, exact region x industry strata).
# Usage: benchmarks/matchit-side-by-side/run.sh [N0=300000] [N1=1400]
# Prints, per method: matchit() time, whole Rscript time, our CLI phases and whole process time, and the ratios.
set -euo pipefail
N0=${1:-300000}
N1=${2:-1400}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-$(mktemp -d)}
CSV=$WORK/firms_${N1}_${N0}.csv

dotnet build "$ROOT/src/GlobalMidt.Effects.Cli" -c Release -v quiet -nologo >/dev/null
CLI="$ROOT/src/GlobalMidt.Effects.Cli/bin/Release/net10.0/globalmidt-effects"

if [ ! -f "$CSV" ]; then
Rscript - "$CSV" "$N0" "$N1" <<'RS'
a <- commandArgs(TRUE); out <- a[1]; n0 <- as.integer(a[2]); n1 <- as.integer(a[3])
set.seed(42)
regions <- sprintf("R%d", 1:5); industries <- sprintf("%02d", c(10, 25, 28, 41, 46, 47, 49, 62, 69, 70))
mk <- function(n, t) data.frame(
  treat = as.integer(t), region = sample(regions, n, TRUE), industry = sample(industries, n, TRUE),
  fte = round(exp(rnorm(n, if (t) 2.6 else 2.2, 1)), 1), turnover = round(exp(rnorm(n, if (t) 9.3 else 8.9, 1.1))),
  growth = round(rnorm(n, if (t) 0.06 else 0.02, 0.2), 4))
d <- rbind(mk(n1, TRUE), mk(n0, FALSE)); d <- d[sample(nrow(d)), ]
d$id <- sprintf("F%07d", seq_len(nrow(d)))
write.csv(d[, c("id", "treat", "region", "industry", "fte", "turnover", "growth")], out, row.names = FALSE, quote = FALSE)
RS
fi

run_r() { # $1 = distance
  local start end
  start=$(date +%s.%N)
  Rscript - "$CSV" "$1" <<'RS' > "$WORK/r_$1.txt"
a <- commandArgs(TRUE); suppressPackageStartupMessages(library(MatchIt))
d <- read.csv(a[1]); d$region <- factor(d$region); d$industry <- factor(d$industry)
t <- system.time(m <- suppressWarnings(matchit(treat ~ fte + turnover + growth, data = d, method = "nearest",
  distance = a[2], exact = ~ region + industry)))[["elapsed"]]
cat(sprintf("%.3f %d\n", t, sum(!is.na(m$match.matrix[, 1]))))
RS
  end=$(date +%s.%N)
  echo "$(cat "$WORK/r_$1.txt") $(echo "$end - $start" | bc)"
}

run_ours() { # $1 = distance
  local start end
  start=$(date +%s.%N)
  "$CLI" match --data "$CSV" --treat treat --id id --covariates fte,turnover,growth --exact region,industry \
    --distance "$1" --out "$WORK/ours_$1.csv" --timings > "$WORK/ours_$1.txt" 2> "$WORK/ours_$1.err"
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc)"
}

printf "data: %s (%s treated, %s controls, 5 regions x 10 industries)\n" "$CSV" "$N1" "$N0"
for dist in mahalanobis glm; do
  read -r rt rmatched rproc <<< "$(run_r $dist)"
  oproc=$(run_ours $dist)
  ofit=$(awk '/^fit:/ {print $2}' "$WORK/ours_$dist.err")
  omatch=$(awk '/^match:/ {print $2}' "$WORK/ours_$dist.err")
  oload=$(awk '/^load:/ {print $2}' "$WORK/ours_$dist.err")
  omatched=$(awk '/^matched treated:/ {print $3}' "$WORK/ours_$dist.txt")
  printf "%-12s R matchit(): %7.3f s  Rscript: %7.3f s  matched %s | ours load %s + fit %s + match %s s, process %7.3f s, matched %s | matchit()/(fit+match) = %.0fx, Rscript/process = %.1fx\n" \
    "$dist" "$rt" "$rproc" "$rmatched" "$oload" "$ofit" "$omatch" "$oproc" "$omatched" \
    "$(echo "$rt / ($ofit + $omatch)" | bc -l)" "$(echo "$rproc / $oproc" | bc -l)"
done
