# Writes the side-by-side table: N1 treated and N0 control firms, region (5) x industry (10) strata.
# Usage: Rscript make_data.R OUT.csv N0 N1
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
