# Reference for ControlBootstrapTests.ReplicateEffect_MatchesR: one replicate of the bootstrap that resamples the
# controls (BootstrapScheme.Controls), computed by hand in base R for a small matched sample with reused controls.
# Run: Rscript tests/GlobalMidt.Effects.Tests/Estimation/ControlBootstrapTests.R
#
# Participants p1..p4, distinct controls A..E (control A used by three participants, B and C by two).
# p4's only control, E, has baseline 0 (pairwise: additive counterfactual).
options(digits = 17)
y0 <- c(p1 = 10, p2 = 4, p3 = 25, p4 = 3)
y1 <- c(p1 = 14, p2 = 5, p3 = 31, p4 = 6)
ctrl0 <- c(A = 8, B = 12, C = 5, D = 30, E = 0)
ctrl1 <- c(A = 9, B = 15, C = 5.5, D = 33, E = 2)
sets <- list(p1 = c("A", "B"), p2 = c("A", "C"), p3 = c("A", "B", "D"), p4 = c("E"))
# Bias adjustment factors per pair entry (participant order, then its controls), as the measurement's regression
# factors; the control's measurement value of that entry is multiplied by it.
adjust <- list(p1 = c(1.1, 0.9), p2 = c(1, 1.05), p3 = c(0.95, 1, 1.2), p4 = c(1.5))

replicate_effects <- function(n, w, adjusted) {
  p0 <- 0; p1 <- 0; s0 <- 0; s1 <- 0; pw <- 0
  for (t in names(sets)) {
    cs <- sets[[t]]
    a <- if (adjusted) adjust[[t]] else rep(1, length(cs))
    W <- w[cs]
    w0 <- sum(W * ctrl0[cs]); w1 <- sum(W * ctrl1[cs] * a); sw <- sum(W)
    m0 <- w0 / sw; m1 <- w1 / sw
    p0 <- p0 + n[t] * y0[t]; p1 <- p1 + n[t] * y1[t]
    s0 <- s0 + n[t] * m0; s1 <- s1 + n[t] * m1
    cf <- if (w0 > 0) y0[t] * w1 / w0 else y0[t] + (m1 - m0)
    pw <- pw + n[t] * (y1[t] - cf)
  }
  # aggregate: sum(Y1) - sum(Y0) * (1 + G_C), G_C = s1 / s0 - 1; pairwise: sum of Y1 - counterfactual
  c(aggregate = unname(p1 - p0 * (s1 / s0)), pairwise = unname(pw))
}

n <- c(p1 = 2, p2 = 0, p3 = 1, p4 = 1)
w <- c(A = 0.5, B = 1.7, C = 0.9, D = 2.3, E = 0.25)
print(replicate_effects(n, w, FALSE))
print(replicate_effects(n, w, TRUE))
# every participant once, every weight 1: the estimate
print(replicate_effects(c(p1 = 1, p2 = 1, p3 = 1, p4 = 1), c(A = 1, B = 1, C = 1, D = 1, E = 1), FALSE))
