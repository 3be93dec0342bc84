# Reference for PropensitySubclassesTests.cs (R 4.2.2): glm of participation, subclasses of its log odds by the rule
# of PropensitySubclasses (highest first; a subclass closes once it spans >= width and has >= 10 controls, or has 400;
# a last subclass with < 10 controls joins the one before), ATT subclass weights n_t,s / n_c,s, and the two effect
# formulas by hand. Data: 60 firms, 15 participants. "classes" is per row of `rows` (participants, then controls), 0-based.
set.seed(12)
n <- 60
x <- round(rnorm(n), 3)
region <- factor(sample(c("A", "B", "C"), n, replace = TRUE))
y <- as.integer(rank(x + rnorm(n, sd = 0.8) + (region == "B")) > 45)
y0 <- round(exp(rnorm(n, 2 + x / 2)), 2)
y1 <- round(y0 * exp(rnorm(n, 0.05 + 0.1 * x, 0.2)), 2)
cat("x =", paste(sprintf("%.3f", x), collapse = ", "), "\n")
cat("region =", paste(as.integer(region) - 1, collapse = ", "), "\n")
cat("y =", paste(y, collapse = ", "), "\n")
cat("y0 =", paste(sprintf("%.2f", y0), collapse = ", "), "\n")
cat("y1 =", paste(sprintf("%.2f", y1), collapse = ", "), "\n")
fit <- glm(y ~ x + region, family = binomial)
lin <- predict(fit, type = "link")
# Rows: participants first, then controls, each in data order (as the C# test passes them).
rows <- c(which(y == 1), which(y == 0))
l <- lin[rows]; treated <- y[rows] == 1
width <- 0.5
ord <- order(-l, seq_along(l))
cls <- integer(length(l)); k <- 1; top <- NA; nc <- 0
for (r in ord) {
  if (is.na(top)) top <- l[r] else if (nc >= 10 && (top - l[r] >= width || nc >= 400)) { k <- k + 1; nc <- 0; top <- l[r] }
  cls[r] <- k
  if (!treated[r]) nc <- nc + 1
}
if (nc < 10 && k > 1) cls[cls == k] <- k - 1
Y0 <- y0[rows]; Y1 <- y1[rows]
nt <- tapply(treated, cls, sum); ncs <- tapply(!treated, cls, sum)
w <- ifelse(treated, 1, nt[as.character(cls)] / ncs[as.character(cls)])
ratio <- tapply(Y1[!treated], cls[!treated], sum) / tapply(Y0[!treated], cls[!treated], sum)
pairwise <- sum(Y1[treated] - Y0[treated] * ratio[as.character(cls[treated])])
gc <- sum(w[!treated] * Y1[!treated]) / sum(w[!treated] * Y0[!treated])
aggregate <- sum(Y1[treated]) - sum(Y0[treated]) * gc
share <- sum(w[!treated] * (Y1[!treated] > Y0[!treated])) / sum(treated)
cat("coef =", sprintf("%.15g", coef(fit)), "\n")
cat("classes =", paste(cls - 1, collapse = ", "), "\n")
cat(sprintf("%.15g", c(pairwise, gc - 1, aggregate, share)), sep = "\n")
