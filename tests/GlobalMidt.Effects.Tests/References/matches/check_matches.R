# R 4.2.2 (jsonlite). Made with:
#   globalmidt-effects measure --format json --out result.json --matches matches.csv   (the shipped sample, defaults)
#   Rscript check_matches.R data-samples/firms.csv.gz matches.csv result.json > check_matches.out.txt
# The C# twin is MatchedSampleTests.ExportedPairs_ReproduceTable2sControlSharesAndGrowthRates (it needs no R).
# Recomputes Table 2's control shares and G_C of every group from `measure --matches` and the register extract,
# with both weight columns, and compares them with the measurement's JSON report.
args <- commandArgs(trailingOnly = TRUE)
firms <- read.csv(gzfile(args[1]), colClasses = c(firm_id = "character"))
m <- read.csv(args[2], colClasses = c(participant = "character", control = "character"), encoding = "UTF-8")
rep <- jsonlite::fromJSON(args[3])
b <- firms[firms$period == "2008H2", c("firm_id", "fte", "turnover")]
e <- firms[firms$period == "2014H2", c("firm_id", "fte", "turnover")]
v <- merge(b, e, by = "firm_id", suffixes = c("0", "1"))
rownames(v) <- v$firm_id
for (g in unique(m$group)) {
  p <- m[m$group == g, ]
  c0 <- v[p$control, ]
  n <- length(unique(p$participant))
  share_pairs <- sum(p$pair_weight * (c0$fte1 > c0$fte0)) / n
  gc_pairs <- sum(p$pair_weight * c0$fte1) / sum(p$pair_weight * c0$fte0) - 1
  d <- p[!duplicated(p$control), ]                     # match.data(): each control once
  c1 <- v[d$control, ]
  share_md <- sum(d$control_weight * (c1$fte1 > c1$fte0)) / sum(d$control_weight)
  tshare_md <- sum(d$control_weight * (c1$turnover1 > c1$turnover0)) / sum(d$control_weight)
  gc_md <- sum(d$control_weight * c1$fte1) / sum(d$control_weight * c1$fte0) - 1
  r <- rep$groups[rep$groups$group == g, ]
  cat(sprintf("%-38s n=%4d ctrl share %.15f (pairs) %.15f (match.data) report %.15f | turn %.15f report %.15f | G_C %.15f %.15f report %.15f | sum control_weight %.6f distinct %d\n",
      g, n, share_pairs, share_md, r$employment$control_share, tshare_md, r$turnover$control_share,
      gc_pairs, gc_md, r$employment$control_growth_rate, sum(d$control_weight), nrow(d)))
}
