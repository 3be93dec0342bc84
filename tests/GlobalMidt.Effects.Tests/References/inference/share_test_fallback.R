# The known-share test's fallback when the control share is 0 or 1 (ShareTest.KnownShare with controlEffectiveN):
# the pooled two-sample z test, R's prop.test(c(x1, p0 * n0), c(n1, n0), correct = FALSE).
cases <- list(c(1, 1, 0, 1), c(0, 1, 1, 1), c(1, 1, 0, 5), c(7, 10, 1, 12.5), c(3, 40, 0, 96.2))
for (cs in cases) {
  x1 <- cs[1]; n1 <- cs[2]; p0 <- cs[3]; n0 <- cs[4]
  t <- suppressWarnings(prop.test(c(x1, p0 * n0), c(n1, n0), correct = FALSE))
  cat(sprintf("x1=%g n1=%g p0=%g n0=%g: z=%.17g p=%.17g\n", x1, n1, p0, n0,
              sign(x1 / n1 - p0) * sqrt(unname(t$statistic)), t$p.value))
}
# R 4.2.2 printed:
# x1=1 n1=1 p0=0 n0=1: z=1.4142135623730951 p=0.15729920705028447
# x1=0 n1=1 p0=1 n0=1: z=-1.4142135623730951 p=0.15729920705028447
# x1=1 n1=1 p0=0 n0=5: z=2.4494897427831783 p=0.014305878435429643
# x1=7 n1=10 p0=1 n0=12.5: z=-2.0801257358446095 p=0.037514001615540207
# x1=3 n1=40 p0=0 n0=96.2: z=2.7161553711082136 p=0.0066044915441229868
