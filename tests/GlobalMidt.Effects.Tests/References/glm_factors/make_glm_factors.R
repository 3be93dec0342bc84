# Reference for the one-hot propensity fit (OneHotLogisticRegressionTests): R's glm() on a design with a factor of
# many levels (300 industries), a second factor (5 regions) and numeric columns, one of them aliased (NA).
# Run from this folder:  Rscript make_glm_factors.R
# Writes: glm_factors_data.csv (the input), glm_factors_coef.csv (coefficients, "" for NA),
# glm_factors_fitted.csv (fitted probabilities), versions.txt.
options(digits = 17)
fmt <- function(x) ifelse(is.na(x), "", trimws(formatC(x, digits = 17, format = "g")))

set.seed(20261129)
n <- 6000
levels_ind <- sprintf("L%03d", 1:300)
# Uneven level sizes (a few large, many small), every level present.
ind <- c(levels_ind, sample(levels_ind, n - 300, replace = TRUE, prob = rexp(300)))
region <- sample(sprintf("R%d", 1:5), n, replace = TRUE, prob = c(.3, .25, .1, .15, .2))
fte <- round(exp(rnorm(n, 2.2, 1)), 1)
growth <- round(rnorm(n, 0.02, 0.15), 4)
fte2 <- 2 * fte + 3 # aliased with fte and the intercept: NA
eff_ind <- rnorm(300, 0, 0.5)
names(eff_ind) <- levels_ind
eff_reg <- c(R1 = 0, R2 = 0.3, R3 = -0.2, R4 = 0.1, R5 = 0.4)
eta <- -1.2 + 0.15 * log(fte) + 1.5 * growth + eff_ind[ind] + eff_reg[region]
treat <- as.integer(runif(n) < plogis(eta))
# Every industry needs treated and untreated firms (no separation): force one of each in the first 600 rows.
treat[1:300] <- 1L
ind[301:600] <- levels_ind
treat[301:600] <- 0L
d <- data.frame(treat = treat, fte = fte, growth = growth, fte2 = 2 * fte + 3, region = region, industry = ind,
                stringsAsFactors = FALSE)
write.csv(d, "glm_factors_data.csv", row.names = FALSE, quote = TRUE)

d$region <- factor(d$region)
d$industry <- factor(d$industry)
m <- glm(treat ~ fte + growth + fte2 + region + industry, data = d, family = binomial())
stopifnot(m$converged)
co <- coef(m)
write.csv(data.frame(term = names(co), estimate = fmt(co)), "glm_factors_coef.csv", row.names = FALSE, quote = TRUE)
write.csv(data.frame(row = seq_len(n), fitted = fmt(fitted(m))), "glm_factors_fitted.csv", row.names = FALSE, quote = TRUE)
writeLines(c(R.version.string, sprintf("iterations: %d, deviance: %s", m$iter, fmt(deviance(m)))), "versions.txt")
