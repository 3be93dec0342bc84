#!/usr/bin/env bash
# Side by side: R MatchIt vs globalmidt-effects match on one firm-like table
# (N1 treated vs N0 controls; covariates fte, turnover, growth; region (5) x industry (10)).
# Usage: benchmarks/matchit-side-by-side/run.sh [N0=300000] [N1=1400]
#   DISTANCES="mahalanobis glm" (default both)  WORK=dir (keeps the CSV and the CLI builds)  RUNS=1 (runs of ours
#   after each R run)
#   CASE=exact (default): exact matching on region x industry, distance on fte, turnover, growth;
#   CASE=factors: no exact matching, region and industry as (factor) covariates of the distance (the propensity
#   model gets their dummy columns: 4 + 9 with the generated table; the industry codes are prefixed with a letter
#   in a copy of the table, so our CLI, like R's factor(), takes them as categories and not as one number, as
#   `--factors industry` does on the table itself, and a COMPARE build without that option reads the same file);
#   CSV=file.csv: another table with the same columns (e.g. register_table.sh's).
#   MATCHIT_LIBS: R library folders to take MatchIt from, one R run per entry ("system" = the R installation's own
#   library); default "system". E.g. MATCHIT_LIBS="/work/rlib system" compares MatchIt 4.7.2 built from its
#   repository (README.md here) and Debian's 4.5.1 in the same run.
#   BUILD=build (default): our CLI as `dotnet build -c Release` makes it (precompiled ReadyToRun for this machine,
#   see docs/performance.md); BUILD=jit: `-p:ReadyToRunOnBuild=false` (just-in-time compiled at first use);
#   BUILD=publish: `dotnet publish -p:PublishReadyToRun=true`.
#   COMPARE=/path/to/another/globalmidt-effects: after each of our runs, the same match with that CLI (e.g. a build of
#   an earlier commit), printed on its own line ("compare") with its ratios to the same R run; its pairs file is
#   compared with ours (cmp).
# Prints, per method and MatchIt: the load average, matchit() time, whole Rscript time (read.csv + matchit), R's
# peak RSS and CPU time (user + system), our CLI phases (load, fit, match), whole process time, peak RSS and CPU
# time, and the ratios of the same run (the CPU ratio says more than the wall ratio on a busy machine).
set -euo pipefail
N0=${1:-300000}
N1=${2:-1400}
DISTANCES=${DISTANCES:-mahalanobis glm}
RUNS=${RUNS:-1}
CASE=${CASE:-exact}
MATCHIT_LIBS=${MATCHIT_LIBS:-system}
BUILD=${BUILD:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-$(mktemp -d)}
CSV=${CSV:-$WORK/firms_${N1}_${N0}.csv}

case "$BUILD" in
  build)
    dotnet build "$ROOT/src/GlobalMidt.Effects.Cli" -c Release -v quiet -nologo >/dev/null
    CLI="$ROOT/src/GlobalMidt.Effects.Cli/bin/Release/net10.0/globalmidt-effects" ;;
  jit)
    dotnet build "$ROOT/src/GlobalMidt.Effects.Cli" -c Release -p:ReadyToRunOnBuild=false -o "$WORK/globalmidt-effects-jit" -v quiet -nologo >/dev/null
    CLI="$WORK/globalmidt-effects-jit/globalmidt-effects" ;;
  publish)
    RID=${RID:-$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')}
    dotnet publish "$ROOT/src/GlobalMidt.Effects.Cli" -c Release -r "$RID" --self-contained false \
      -p:PublishReadyToRun=true -o "$WORK/globalmidt-effects-r2r" -v quiet -nologo >/dev/null
    CLI="$WORK/globalmidt-effects-r2r/globalmidt-effects" ;;
  *) echo "BUILD must be build, jit or publish" >&2; exit 2 ;;
esac

[ -f "$CSV" ] || Rscript "$HERE/make_data.R" "$CSV" "$N0" "$N1"

if [ "$CASE" = factors ]; then
  # Both sides fit the same model: R makes region and industry factors; our CLI takes a column of numbers as one
  # numeric covariate, so the industry codes (10, 25, ...) are written as text (I10, I25, ...) for both.
  FACTORS_CSV="$WORK/$(basename "${CSV%.csv}")_industry_text.csv"
  [ -f "$FACTORS_CSV" ] || awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "industry") c = i; print; next } { $c = "I" $c; print }' "$CSV" > "$FACTORS_CSV"
  CSV=$FACTORS_CSV
  R_FORMULA="treat ~ fte + turnover + growth + region + industry"; R_EXACT="NULL"
  OUR_ARGS=(--covariates fte,turnover,growth,region,industry)
else
  R_FORMULA="treat ~ fte + turnover + growth"; R_EXACT="~ region + industry"
  OUR_ARGS=(--covariates fte,turnover,growth --exact region,industry)
fi

run_r() { # $1 = distance, $2 = library ("system" for none); prints: MatchIt version, matchit() s, matched, Rscript s, peak MB, CPU s
  local lib=$2 tag
  tag=$(echo "$1_$lib" | tr -c 'A-Za-z0-9_\n' '_')
  R_LIBS=$([ "$lib" = system ] && echo "" || echo "$lib") /usr/bin/time -f "%e %M %U %S" -o "$WORK/r_$tag.time" \
    Rscript - "$CSV" "$1" "$R_FORMULA" "$R_EXACT" <<'RS' > "$WORK/r_$tag.txt"
a <- commandArgs(TRUE); suppressPackageStartupMessages(library(MatchIt))
d <- read.csv(a[1]); d$region <- factor(d$region); d$industry <- factor(d$industry)
exact <- eval(parse(text = a[4]))
t <- system.time(m <- suppressWarnings(matchit(as.formula(a[3]), data = d, method = "nearest",
  distance = a[2], exact = exact)))[["elapsed"]]
cat(sprintf("%s %.3f %d\n", packageVersion("MatchIt"), t, sum(!is.na(m$match.matrix[, 1]))))
RS
  read -r wall rss user sys < "$WORK/r_$tag.time"
  echo "$(cat "$WORK/r_$tag.txt") $wall $((rss / 1024)) $(echo "$user + $sys" | bc -l)"
}

run_ours() { # $1 = distance, $2 = CLI (default ours), $3 = tag (default ours); prints: process seconds, peak RSS MB, CPU s
  local cli=${2:-$CLI} tag=${3:-ours}
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/${tag}_$1.time" "$cli" match --data "$CSV" --treat treat --id id \
    "${OUR_ARGS[@]}" --distance "$1" --out "$WORK/${tag}_$1.csv" --timings > "$WORK/${tag}_$1.txt" 2> "$WORK/${tag}_$1.err"
  read -r wall rss user sys < "$WORK/${tag}_$1.time"
  echo "$wall $((rss / 1024)) $(echo "$user + $sys" | bc -l)"
}

report_ours() { # $1 = distance, $2 = label, $3 = tag, $4 = process s, $5 = RSS MB, $6 = CPU s; uses rver rt rproc rrss rmatched rcpu
  local dist=$1 tag=$3 oload ofit omatch omatched
  oload=$(awk '/^load:/ {print $2}' "$WORK/${tag}_$dist.err")
  ofit=$(awk '/^fit:/ {print $2}' "$WORK/${tag}_$dist.err")
  omatch=$(awk '/^match:/ {print $2}' "$WORK/${tag}_$dist.err")
  omatched=$(awk '/^matched treated:/ {print $3}' "$WORK/${tag}_$dist.txt")
  printf "%-12s %-7s MatchIt %s matchit(): %7.3f s  Rscript: %7.3f s (%s MB, CPU %.2f s)  matched %s | ours load %s + fit %s + match %s s, process %6.3f s (%s MB, CPU %.2f s), matched %s | matchit()/(fit+match) = %.1fx, Rscript/process = %.1fx (CPU %.1fx) | %s\n" \
    "$dist" "$2" "$rver" "$rt" "$rproc" "$rrss" "$rcpu" "$rmatched" "$oload" "$ofit" "$omatch" "$4" "$5" "$6" "$omatched" \
    "$(echo "$rt / ($ofit + $omatch)" | bc -l)" "$(echo "$rproc / $4" | bc -l)" "$(echo "$rcpu / $6" | bc -l)" "$(uptime | sed 's/.*load average: //')"
}

printf "data: %s (%s treated, %s controls); case %s; %s; ours: %s; %s\n" "$CSV" "$N1" "$N0" "$CASE" "$(nproc) cores" "$BUILD" "$(uptime | sed 's/.*load/load/')"
for dist in $DISTANCES; do
  for lib in $MATCHIT_LIBS; do
    read -r rver rt rmatched rproc rrss rcpu <<< "$(run_r "$dist" "$lib")"
    for run in $(seq "$RUNS"); do
      read -r oproc orss ocpu <<< "$(run_ours "$dist")"
      report_ours "$dist" ours ours "$oproc" "$orss" "$ocpu"
      if [ -n "${COMPARE:-}" ]; then
        read -r cproc crss ccpu <<< "$(run_ours "$dist" "$COMPARE" compare)"
        report_ours "$dist" compare compare "$cproc" "$crss" "$ccpu"
        cmp -s "$WORK/ours_$dist.csv" "$WORK/compare_$dist.csv" || echo "$dist: the pairs of ours and compare differ"
      fi
    done
  done
done
