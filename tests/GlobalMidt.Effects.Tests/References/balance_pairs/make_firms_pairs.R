# Reference for `match --replace` followed by `balance --pairs` (issue 10): balance after matching with
# replacement, as MatchIt's summary() and cobalt's formulas give it, on a firm table made from the shipped sample.
#
# Run from this folder:  Rscript make_firms_pairs.R
# Reads ../../../../data-samples/firms.csv.gz and participants.csv (the simulated sample of the repository).
# Writes: firms_sample.csv (the input: id, treat, region, industry, lfte, lturnover, growth),
#         matchit_pairs.csv (MatchIt's match.matrix as treated,control,slot), matchit_weights.csv (id, weight),
#         expected_balance.csv (per covariate: treated/control means and SMD after matching),
#         expected_n.csv (matched counts and effective sample sizes), output.txt (the printed summary), versions.txt.
#
# The firm table: every firm of the sample in 2008H2 with fte > 0 (private sector), treat = 1 for a participant
# (any group). region as in the register, industry = DB07 2-digit division, lfte = log(1 + fte 2008H2),
# lturnover = log(1 + turnover 2008H2), growth = log((1 + fte 2008H2) / (1 + fte 2006H2)) (0 when the firm did not
# exist in 2006H2). To keep the file small: 400 treated and 4,000 controls drawn at random (seed below), and only
# region x industry strata holding a treated firm (matchit() 4.5.1 stops on strata without one).
#
# Matching: matchit(treat ~ lfte + lturnover + growth, exact = ~ region + industry, distance = "mahalanobis",
# ratio = 5, replace = TRUE). Mahalanobis matching does not use glm(), so MatchIt 4.5.1's glm issue (#163) does not
# apply.
#
# Balance (ATT, cobalt's bal.tab conventions, the ones `balance` documents in docs/balance.md):
#   SMD = (weighted mean treated - weighted mean control) / SD of the treated before matching (unit weights, n - 1);
#   region is split into 0/1 dummies region_<level> whose differences are raw proportions (cobalt binary = "raw");
#   ESS = sum(w)^2 / sum(w^2) per group (MatchIt summary's "Matched (ESS)").
# The continuous rows are checked against summary(m, standardize = TRUE)$sum.matched below.
suppressPackageStartupMessages(library(MatchIt))
options(digits = 17)
fmt <- function(x) trimws(formatC(x, digits = 17, format = "g"))

panel <- read.csv(gzfile("../../../../data-samples/firms.csv.gz"), colClasses = c(firm_id = "character",
  industry = "character", municipality = "character"))
parts <- read.csv("../../../../data-samples/participants.csv", colClasses = c(firm_id = "character"))
b <- panel[panel$period == "2008H2" & panel$sector == "private" & panel$fte > 0, ]
h <- panel[panel$period == "2006H2", c("firm_id", "fte")]
names(h)[2] <- "fte_h"
b <- merge(b, h, by = "firm_id", all.x = TRUE)
b <- b[order(b$firm_id), ]
firms <- data.frame(id = b$firm_id, treat = as.integer(b$firm_id %in% parts$firm_id),
                    region = sub("^Region ", "", b$region), industry = substr(b$industry, 1, 2),
                    lfte = round(log1p(b$fte), 6), lturnover = round(log1p(b$turnover), 6),
                    growth = round(ifelse(is.na(b$fte_h), 0, log((1 + b$fte) / (1 + b$fte_h))), 6),
                    stringsAsFactors = FALSE)
set.seed(20261129)
keep <- c(sample(which(firms$treat == 1), 400), sample(which(firms$treat == 0), 4000))
firms <- firms[sort(keep), ]
has_treated <- ave(firms$treat, firms$region, firms$industry, FUN = max) == 1
firms <- firms[has_treated, ]
rownames(firms) <- firms$id
write.csv(firms, "firms_sample.csv", row.names = FALSE, quote = FALSE)

m <- matchit(treat ~ lfte + lturnover + growth, data = firms, method = "nearest", distance = "mahalanobis",
             exact = ~ region + industry, ratio = 5, replace = TRUE)
mm <- m$match.matrix
pairs <- do.call(rbind, lapply(seq_len(nrow(mm)), function(i) {
  ctrl <- mm[i, ]
  ctrl <- ctrl[!is.na(ctrl)]
  if (length(ctrl) == 0) return(NULL)
  data.frame(treated = rownames(mm)[i], control = ctrl, slot = seq_along(ctrl))
}))
write.csv(pairs, "matchit_pairs.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(id = firms$id, weight = fmt(m$weights)), "matchit_weights.csv", row.names = FALSE, quote = FALSE)

w <- m$weights
t <- firms$treat
wmean <- function(x, w) sum(w * x) / sum(w)
covs <- list(lfte = firms$lfte, lturnover = firms$lturnover, growth = firms$growth)
for (lv in sort(unique(firms$region))) covs[[paste0("region_", lv)]] <- as.numeric(firms$region == lv)
res <- do.call(rbind, lapply(names(covs), function(v) {
  x <- covs[[v]]
  binary <- all(x == 0 | x == 1)
  m1 <- wmean(x[t == 1], w[t == 1]); m0 <- wmean(x[t == 0], w[t == 0])
  sd1 <- sd(x[t == 1])
  data.frame(covariate = v, binary = binary, treated_mean = fmt(m1), control_mean = fmt(m0),
             smd = fmt(if (binary) m1 - m0 else (m1 - m0) / sd1))
}))
write.csv(res, "expected_balance.csv", row.names = FALSE, quote = FALSE)
ess <- function(w) sum(w)^2 / sum(w^2)
nn <- data.frame(treated_n = sum(t == 1 & w > 0), control_n = sum(t == 0 & w > 0),
                 treated_ess = fmt(ess(w[t == 1 & w > 0])), control_ess = fmt(ess(w[t == 0 & w > 0])))
write.csv(nn, "expected_n.csv", row.names = FALSE, quote = FALSE)

# Cross-check with MatchIt's own summary.
s <- summary(m, standardize = TRUE)
for (v in c("lfte", "lturnover", "growth")) {
  r <- res[res$covariate == v, ]
  stopifnot(abs(s$sum.matched[v, "Std. Mean Diff."] - as.numeric(r$smd)) < 1e-12,
            abs(s$sum.matched[v, "Means Control"] - as.numeric(r$control_mean)) < 1e-12)
}
stopifnot(abs(s$nn["Matched (ESS)", "Control"] - as.numeric(nn$control_ess)) < 1e-9)
sink("output.txt")
cat(sprintf("firms: %d rows, %d treated, %d controls, %d region x industry strata\n", nrow(firms), sum(t == 1),
            sum(t == 0), nrow(unique(firms[, c("region", "industry")]))))
print(s$sum.matched[, c("Means Treated", "Means Control", "Std. Mean Diff.")], digits = 4)
print(s$nn, digits = 6)
cat("\nBalance as `balance` reports it (cobalt conventions: region dummies as raw differences):\n")
print(data.frame(covariate = res$covariate, smd = signif(as.numeric(res$smd), 4)), digits = 4)
sink()
writeLines(c(R.version.string, paste("MatchIt", packageVersion("MatchIt"))), "versions.txt")
