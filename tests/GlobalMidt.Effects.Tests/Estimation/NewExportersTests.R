# References for NewExportersTests.cs (R 4.2.2): the project's known-share z test, as prop.test against a known p.
# Case 1: 3 participants without export at baseline (one imputed), 2 export at the measurement; weighted control
# share 0.25 (over the two participants with controls without export at baseline).
z1 <- (2/3 - 0.25) / sqrt(0.25 * 0.75 / 3)
p1 <- suppressWarnings(prop.test(2, 3, p = 0.25, correct = FALSE)$p.value)
# Case 2: 10 participants, 8 export; 10 distinct controls (one each), 2 export: control share 0.2.
z2 <- (8/10 - 0.2) / sqrt(0.2 * 0.8 / 10)
p2 <- suppressWarnings(prop.test(8, 10, p = 0.2, correct = FALSE)$p.value)
cat(sprintf("%.15g\n", c(z1, p1, z2, p2)))
