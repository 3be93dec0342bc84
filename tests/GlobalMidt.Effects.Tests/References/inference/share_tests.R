# Reference values for GlobalMidt.Effects.Inference (ShareTest, ShareIntervals).
# Run from this directory:  Rscript share_tests.R   (writes share_tests.csv next to this script)
# Only base R (stats) is used: pnorm, qnorm, prop.test. The tests never call R.
#
# Columns:
#   kind        known = known-share z test (control share treated as known), two_sample = pooled two-sample z test
#   case        a label
#   x1, n1      participants with growth, participants
#   p0          control share
#   n0          control (effective) size; NA = not given (known share, no control sampling error)
#   level       confidence level of the intervals
#   z           z statistic, by hand: known (p1-p0)/sqrt(p0(1-p0)/n1); two_sample (p1-p0)/sqrt(pb(1-pb)(1/n1+1/n0))
#   p_pnorm     2 * pnorm(-abs(z))
#   p_proptest  prop.test(..., correct = FALSE)$p.value (NA where prop.test refuses)
#   chisq       prop.test(..., correct = FALSE)$statistic (equals z^2)
#   p1_low/high Wilson interval of x1/n1: prop.test(x1, n1, correct = FALSE)$conf.int
#   p0_low/high Wilson interval of p0 with n0: prop.test(p0*n0, n0, correct = FALSE)$conf.int; p0, p0 when n0 = NA
#   wald_*      Wald interval of p1-p0: prop.test(c(x1, p0*n0), c(n1, n0), correct = FALSE)$conf.int;
#               by hand d -/+ qnorm((1+level)/2) sqrt(p1(1-p1)/n1), clipped to [-1, 1], when n0 = NA
#   newcombe_*  Newcombe hybrid score: d - sqrt((p1-l1)^2 + (u0-p0)^2), d + sqrt((u1-p1)^2 + (p0-l0)^2)

options(warn = -1)  # prop.test warns "Chi-squared approximation may be incorrect" for small counts

cases <- list()
add <- function(kind, case, x1, n1, p0, n0 = NA, level = 0.95) {
  cases[[length(cases) + 1]] <<- data.frame(kind = kind, case = case, x1 = x1, n1 = n1, p0 = p0, n0 = n0,
                                            level = level, stringsAsFactors = FALSE)
}

# Published Table 2 (seed section 5): n = measured firms (Table 1), x1 = round(share * n), p0 = printed control share.
pub <- data.frame(
  group = c("cross", "hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"),
  n = c(1401, 54, 67, 227, 589, 492),
  emp1 = c(0.55, 0.67, 0.37, 0.48, 0.62, 0.52), emp0 = c(0.40, 0.39, 0.37, 0.37, 0.42, 0.42),
  tur1 = c(0.66, 0.74, 0.46, 0.55, 0.74, 0.65), tur0 = c(0.55, 0.54, 0.53, 0.51, 0.57, 0.57))
for (i in seq_len(nrow(pub))) {
  r <- pub[i, ]
  add("known", paste0("published_emp_", r$group), round(r$emp1 * r$n), r$n, r$emp0)
  add("known", paste0("published_turn_", r$group), round(r$tur1 * r$n), r$n, r$tur0)
  # the same rows as a 1:1 two-sample test (control group as large as the participants)
  add("two_sample", paste0("published_emp_1to1_", r$group), round(r$emp1 * r$n), r$n, r$emp0, r$n)
  add("two_sample", paste0("published_turn_1to1_", r$group), round(r$tur1 * r$n), r$n, r$tur0, r$n)
}
# Known share with a control effective size for the intervals
add("known", "with_n0_weighted", 31, 67, 0.53, 412.37)
add("known", "with_n0_midt", 365, 589, 0.42, 2210.5, 0.9)
add("known", "with_n0_small", 3, 7, 0.25, 9.3, 0.99)
# Small n
add("known", "n1_x0", 0, 1, 0.5)
add("known", "n1_x1", 1, 1, 0.3)
add("known", "n5_x0", 0, 5, 0.2)
add("known", "n5_x5", 5, 5, 0.2)
add("known", "n3_x2", 2, 3, 0.5)
add("known", "n2_x1_equal", 1, 2, 0.5)
# Control share near 0 and 1
add("known", "p0_tiny_x0", 0, 50, 0.001)
add("known", "p0_tiny_x1", 1, 50, 0.001)
add("known", "p0_near1_all", 50, 50, 0.999)
add("known", "p0_near1_x49", 49, 50, 0.999)
add("known", "p0_1e-6", 3, 1000, 1e-6)
# Large |z| (tiny p-values that must not cancel to 0)
add("known", "large_z_13", 600, 1000, 0.4)
add("known", "large_z_28", 950, 1000, 0.5)
add("known", "large_z_32", 900, 1000, 0.4)
add("known", "large_z_neg31", 1, 1000, 0.5)
add("known", "large_z_36", 20000, 20000, 0.9392)
# Other levels
add("known", "level_90", 17, 40, 0.3, NA, 0.90)
add("known", "level_99", 17, 40, 0.3, NA, 0.99)
add("known", "level_50", 17, 40, 0.3, NA, 0.50)
# Two-sample with weighted (non-integer) effective control size
add("two_sample", "weighted_sjaelland", 31, 67, 0.53, 412.37)
add("two_sample", "weighted_midt", 365, 589, 0.42, 2210.5, 0.9)
add("two_sample", "integer_counts", 30, 80, 45 / 120, 120)
add("two_sample", "small", 2, 5, 0.25, 8, 0.99)
add("two_sample", "x1_zero", 0, 12, 0.2, 30)
add("two_sample", "x1_all", 12, 12, 0.5, 30)
add("two_sample", "large_z", 900, 1000, 0.4, 5000)
add("two_sample", "equal_shares", 20, 50, 0.4, 75)

d <- do.call(rbind, cases)
out <- d
out[, c("z", "p_pnorm", "p_proptest", "chisq", "p1_low", "p1_high", "p0_low", "p0_high",
        "wald_low", "wald_high", "newcombe_low", "newcombe_high")] <- NA_real_

for (i in seq_len(nrow(d))) {
  r <- d[i, ]
  p1 <- r$x1 / r$n1
  dd <- p1 - r$p0
  crit <- qnorm((1 + r$level) / 2)
  w1 <- prop.test(r$x1, r$n1, correct = FALSE, conf.level = r$level)$conf.int
  if (is.na(r$n0)) {
    w0 <- c(r$p0, r$p0)
    wald <- c(max(dd - crit * sqrt(p1 * (1 - p1) / r$n1), -1), min(dd + crit * sqrt(p1 * (1 - p1) / r$n1), 1))
  } else {
    w0 <- prop.test(r$p0 * r$n0, r$n0, correct = FALSE, conf.level = r$level)$conf.int
    wald <- prop.test(c(r$x1, r$p0 * r$n0), c(r$n1, r$n0), correct = FALSE, conf.level = r$level)$conf.int
  }
  if (r$kind == "known") {
    z <- dd / sqrt(r$p0 * (1 - r$p0) / r$n1)
    pt <- prop.test(r$x1, r$n1, p = r$p0, correct = FALSE)
  } else {
    pb <- (r$x1 + r$p0 * r$n0) / (r$n1 + r$n0)
    z <- dd / sqrt(pb * (1 - pb) * (1 / r$n1 + 1 / r$n0))
    pt <- prop.test(c(r$x1, r$p0 * r$n0), c(r$n1, r$n0), correct = FALSE)
  }
  out$z[i] <- z
  out$p_pnorm[i] <- 2 * pnorm(-abs(z))
  out$p_proptest[i] <- pt$p.value
  out$chisq[i] <- unname(pt$statistic)
  out$p1_low[i] <- w1[1]; out$p1_high[i] <- w1[2]
  out$p0_low[i] <- w0[1]; out$p0_high[i] <- w0[2]
  out$wald_low[i] <- wald[1]; out$wald_high[i] <- wald[2]
  out$newcombe_low[i] <- dd - sqrt((p1 - w1[1])^2 + (w0[2] - r$p0)^2)
  out$newcombe_high[i] <- dd + sqrt((w1[2] - p1)^2 + (r$p0 - w0[1])^2)
}

fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
num <- setdiff(names(out), c("kind", "case"))
for (col in num) out[[col]] <- fmt(out[[col]])
con <- file("share_tests.csv", open = "w", encoding = "UTF-8")
writeLines(paste0("# Generated by share_tests.R with ", R.version.string, " (", R.version$platform, ")."), con)
writeLines("# Do not edit: rerun the script. NA = not applicable.", con)
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
cat("wrote", nrow(out), "cases\n")
