# Reference values for GlobalMidt.Effects balance diagnostics (tests/.../Matching/BalanceTests.cs).
#
# cobalt is not installed on the build machine (and not packaged for Debian), so the statistics are computed here
# by hand, following cobalt's definitions (R/balance-summary.R, R/utils.R of ngreifer/cobalt):
#   - weighted mean:      sum(w x) / sum(w)                                   (col.w.m)
#   - weighted variance:  sum(w) / (sum(w)^2 - sum(w^2)) * sum(w (x - m)^2)   (col.w.v, non-binary)
#   - SMD (ATT):          (m1 - m0) / sd_treated, sd_treated from the UNMATCHED treated with unit weights
#                         (bal.tab s.d.denom = "treated"); binary 0/1 covariates: raw m1 - m0 (binary = "raw")
#                         (binary = "std": divided by sqrt(p1 (1 - p1)) of the unmatched treated; column smd_binary_std)
#   - variance ratio:     var1 / var0 (col_w_vr), not for binary covariates (bal.tab)
#   - eCDF mean / max:    weights normalised per group, |F1 - F0| at each distinct value of x over the whole
#                         sample (MatchIt summary, standardize = TRUE; cobalt's KS statistic is the max);
#                         binary: |m1 - m0| for both (MatchIt bal1var, cobalt col_w_ks)
#   - ESS (Kish):         sum(w)^2 / sum(w^2) per group (cobalt/MatchIt ESS)
# and cross-checked against MatchIt's summary(m, standardize = TRUE) where the conventions coincide.
#
# Run from this folder:  Rscript make_balance.R
# Writes lalonde_matched.csv (input: data + MatchIt weights), lalonde_pairs_<scenario>.csv (match.matrix as pairs,
# weight = the control's MatchIt weight, the pairs-file format of `match`),
# balance_expected.csv (expected statistics), sessionInfo.txt.
suppressPackageStartupMessages(library(MatchIt))
data("lalonde", package = "MatchIt")
d <- lalonde
d$black  <- as.integer(d$race == "black")
d$hispan <- as.integer(d$race == "hispan")
d$white  <- as.integer(d$race == "white")
covs <- c("age", "educ", "black", "hispan", "white", "married", "nodegree", "re74", "re75")

# Two matches: "nn1" = 1:1 nearest Mahalanobis without replacement (all weights 1); "nn2rc" = 2:1 with replacement
# and a caliper of 100 USD on re74 (varying control weights, 5 treated unmatched with weight 0).
fml <- treat ~ age + educ + black + hispan + married + nodegree + re74 + re75
fits <- list(
  nn1 = matchit(fml, data = d, method = "nearest", distance = "mahalanobis"),
  nn2rc = matchit(fml, data = d, method = "nearest", distance = "mahalanobis", ratio = 2, replace = TRUE,
                  caliper = c(re74 = 100), std.caliper = FALSE))

out <- data.frame(id = rownames(d), treat = d$treat, d[covs])
for (sc in names(fits)) out[[paste0("weights_", sc)]] <- fits[[sc]]$weights
num17 <- function(df) { for (j in seq_along(df)) if (is.double(df[[j]])) df[[j]] <- ifelse(is.na(df[[j]]), NA, sprintf("%.17g", df[[j]])); df }
write.csv(num17(out), "lalonde_matched.csv", row.names = FALSE, quote = FALSE)

for (sc in names(fits)) {
  mm <- fits[[sc]]$match.matrix
  pairs <- do.call(rbind, lapply(seq_len(nrow(mm)), function(i) {
    ctrl <- mm[i, ]
    ctrl <- ctrl[!is.na(ctrl)]
    if (length(ctrl) == 0) return(NULL)
    data.frame(treated = rownames(mm)[i], control = ctrl, slot = seq_along(ctrl), distance = NA_real_,
               weight = fits[[sc]]$weights[ctrl])
  }))
  write.csv(pairs, paste0("lalonde_pairs_", sc, ".csv"), row.names = FALSE, quote = FALSE, na = "")
}

wmean <- function(x, w) sum(w * x) / sum(w)
wvar <- function(x, w) { mx <- wmean(x, w); sum(w) / (sum(w)^2 - sum(w^2)) * sum(w * (x - mx)^2) }
ecdf_diffs <- function(x, t, w) {
  w <- ifelse(t == 1, w / sum(w[t == 1]), -w / sum(w[t == 0]))
  o <- order(x)
  xs <- x[o]
  cum <- abs(cumsum(w[o]))
  last <- c(diff(xs) != 0, TRUE)
  cum[last]
}
ess <- function(w) sum(w)^2 / sum(w^2)

t <- d$treat
res <- NULL
nn <- NULL
for (sc in names(fits)) {
  wa <- fits[[sc]]$weights
  for (v in covs) {
    x <- d[[v]]
    binary <- all(x == 0 | x == 1)
    sd1 <- sqrt(wvar(x[t == 1], rep(1, sum(t == 1))))
    for (stage in c("before", "after")) {
      w <- if (stage == "before") rep(1, length(x)) else wa
      m1 <- wmean(x[t == 1], w[t == 1]); m0 <- wmean(x[t == 0], w[t == 0])
      smd <- if (binary) m1 - m0 else (m1 - m0) / sd1
      # binary = "std": standardised by the treated binary SD sqrt(p (1 - p)) (cobalt col.w.v, MatchIt wvar)
      p1 <- mean(x[t == 1])
      smd_std <- if (binary) (m1 - m0) / sqrt(p1 * (1 - p1)) else smd
      vr <- if (binary) NA_real_ else wvar(x[t == 1 & w > 0], w[t == 1 & w > 0]) / wvar(x[t == 0 & w > 0], w[t == 0 & w > 0])
      if (binary) { em <- abs(m1 - m0); ex <- em } else { e <- ecdf_diffs(x, t, w); em <- mean(e); ex <- max(e) }
      res <- rbind(res, data.frame(scenario = sc, covariate = v, stage = stage, binary = binary, treated_mean = m1,
                                   control_mean = m0, smd = smd, smd_binary_std = smd_std, variance_ratio = vr, ecdf_mean = em, ecdf_max = ex))
    }
  }
  nn <- rbind(nn, data.frame(scenario = sc, stage = c("before", "after"),
                             treated_n = c(sum(t == 1), sum(t == 1 & wa > 0)),
                             control_n = c(sum(t == 0), sum(t == 0 & wa > 0)),
                             treated_ess = c(sum(t == 1), ess(wa[t == 1])),
                             control_ess = c(sum(t == 0), ess(wa[t == 0]))))
}
write.csv(num17(res), "balance_expected.csv", row.names = FALSE, quote = FALSE, na = "NA")
write.csv(num17(nn), "balance_expected_n.csv", row.names = FALSE, quote = FALSE)

# Cross-check against MatchIt's own summary (continuous covariates: same SMD, variance ratio, eCDF statistics;
# binary covariates: MatchIt standardises them, so compare the means and the eCDF statistics).
chk <- function(tab, sc, stage) {
  for (v in covs) {
    r <- res[res$scenario == sc & res$covariate == v & res$stage == stage, ]
    stopifnot(abs(tab[v, "Means Treated"] - r$treated_mean) < 1e-12 * max(1, abs(r$treated_mean)),
              abs(tab[v, "Means Control"] - r$control_mean) < 1e-12 * max(1, abs(r$control_mean)),
              abs(tab[v, "eCDF Mean"] - r$ecdf_mean) < 1e-12, abs(tab[v, "eCDF Max"] - r$ecdf_max) < 1e-12)
    stopifnot(abs(tab[v, "Std. Mean Diff."] - r$smd_binary_std) < 1e-12)
    if (!r$binary) stopifnot(abs(tab[v, "Std. Mean Diff."] - r$smd) < 1e-12,
                             abs(tab[v, "Var. Ratio"] - r$variance_ratio) < 1e-12)
  }
}
for (sc in names(fits)) {
  s <- summary(fits[[sc]], addlvariables = d["white"], standardize = TRUE, un = TRUE)
  chk(s$sum.all, sc, "before")
  chk(s$sum.matched, sc, "after")
  a <- nn[nn$scenario == sc & nn$stage == "after", ]
  stopifnot(abs(s$nn["Matched (ESS)", "Control"] - a$control_ess) < 1e-9,
            abs(s$nn["Matched (ESS)", "Treated"] - a$treated_ess) < 1e-9)
}
cat("MatchIt summary agrees with the hand-computed statistics.\n")
print(res, digits = 6)
print(nn)
writeLines(c(capture.output(sessionInfo())), "sessionInfo.txt")
