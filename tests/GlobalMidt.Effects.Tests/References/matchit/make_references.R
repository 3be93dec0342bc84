# Reference values for GlobalMidt.Effects matching, made with R MatchIt (method = "nearest").
# Run from this folder:  Rscript make_references.R
# Writes: lalonde.csv, firms.csv (the inputs), cases.csv (one row per option set with the weighted mean
# difference of the outcome), <case>_matches.csv (treated id, slot, control id), <case>_weights.csv (id, weight),
# <case>_coef.csv (glm coefficients, glm cases only), versions.txt (R and MatchIt versions).
suppressPackageStartupMessages(library(MatchIt))
options(digits = 17)

write_csv <- function(df, file) write.csv(df, file, row.names = FALSE, quote = TRUE, na = "")
fmt <- function(x) trimws(formatC(x, digits = 17, format = "g"))

# (a) Lalonde, as shipped with MatchIt; the id is the row name.
data("lalonde", package = "MatchIt")
lal <- data.frame(id = rownames(lalonde), lalonde, stringsAsFactors = FALSE)
lal$race <- as.character(lal$race)
write_csv(lal, "lalonde.csv")
lal$race <- factor(lal$race)
rownames(lal) <- lal$id

# (b) A firm-like table: region x 2-digit industry strata, FTEs, turnover, FTE growth; treated firms are larger
# and growing. Some strata have no treated firm (dropped before matchit(), which stops on them in 4.5.1), one has
# treated firms but no control, and a few controls are exact duplicates (ties in every distance).
set.seed(20160501)
regions <- c("Hovedstaden", "Midtjylland", "Nordjylland", "Sjaelland", "Syddanmark")
industries <- c("10", "25", "28", "46", "62", "70")
n0 <- 3000; n1 <- 150
mk <- function(n, treated) {
  reg <- sample(regions, n, replace = TRUE, prob = c(.3, .25, .1, .15, .2))
  ind <- sample(industries, n, replace = TRUE)
  fte <- round(exp(rnorm(n, if (treated) 2.6 else 2.2, 1)), 1)
  turnover <- round(fte * exp(rnorm(n, 6.5, 0.5)))
  growth <- round(rnorm(n, if (treated) 0.08 else 0.02, 0.15), 4)
  data.frame(region = reg, industry = ind, fte = fte, turnover = turnover, growth = growth,
             treat = as.integer(treated), stringsAsFactors = FALSE)
}
firms <- rbind(mk(n1, TRUE), mk(n0, FALSE))
# No treated firm in Nordjylland x 10 and Sjaelland x 70; no control in Hovedstaden x 70 (3 treated there).
firms <- firms[!(firms$treat == 1 & ((firms$region == "Nordjylland" & firms$industry == "10") |
                                      (firms$region == "Sjaelland" & firms$industry == "70"))), ]
firms <- firms[!(firms$treat == 0 & firms$region == "Hovedstaden" & firms$industry == "70"), ]
extra <- mk(3, TRUE); extra$region <- "Hovedstaden"; extra$industry <- "70"
firms <- rbind(firms, extra)
dups <- firms[firms$treat == 0, ][1:20, ]
firms <- rbind(firms, dups)
firms <- firms[sample(nrow(firms)), ]
firms$id <- sprintf("F%05d", seq_len(nrow(firms)))
firms$y <- round(firms$fte * (1 + firms$growth) + rnorm(nrow(firms), 0.5 * firms$treat, 1), 3)
firms <- firms[, c("id", "treat", "region", "industry", "fte", "turnover", "growth", "y")]
write_csv(firms, "firms.csv")
rownames(firms) <- firms$id
has_treated <- ave(firms$treat, firms$region, firms$industry, FUN = max) == 1
firms_active <- firms[has_treated, ]

cases <- list(
  list(name = "lalonde_glm", data = "lalonde", formula = treat ~ age + educ + race + married + nodegree + re74 + re75,
       args = list(distance = "glm")),
  list(name = "lalonde_glm_ratio2", data = "lalonde", formula = treat ~ age + educ + race + married + nodegree + re74 + re75,
       args = list(distance = "glm", ratio = 2)),
  list(name = "lalonde_glm_caliper_discard", data = "lalonde", formula = treat ~ age + educ + race + married + nodegree + re74 + re75,
       args = list(distance = "glm", caliper = 0.1, discard = "both")),
  list(name = "lalonde_glm_smallest", data = "lalonde", formula = treat ~ age + educ + race + married + nodegree + re74 + re75,
       args = list(distance = "glm", m.order = "smallest")),
  list(name = "lalonde_glm_ratio3_replace_caliper", data = "lalonde", formula = treat ~ age + educ + race + married + nodegree + re74 + re75,
       args = list(distance = "glm", ratio = 3, replace = TRUE, caliper = 0.05)),
  list(name = "lalonde_mahalanobis_exact", data = "lalonde", formula = treat ~ age + educ + married + nodegree + re74 + re75,
       args = list(distance = "mahalanobis", exact = ~race)),
  list(name = "lalonde_mahalanobis_race", data = "lalonde", formula = treat ~ age + educ + race + married + nodegree + re74 + re75,
       args = list(distance = "mahalanobis")),
  list(name = "lalonde_scaled_ratio3_replace", data = "lalonde", formula = treat ~ age + educ + race + married + nodegree + re74 + re75,
       args = list(distance = "scaled_euclidean", ratio = 3, replace = TRUE)),
  list(name = "firms_mahalanobis_exact_ratio5_replace", data = "firms", formula = treat ~ fte + turnover + growth,
       args = list(distance = "mahalanobis", exact = ~region + industry, ratio = 5, replace = TRUE)),
  list(name = "firms_mahalanobis_exact_ratio2", data = "firms", formula = treat ~ fte + turnover + growth,
       args = list(distance = "mahalanobis", exact = ~region + industry, ratio = 2)),
  list(name = "firms_glm_exact", data = "firms", formula = treat ~ fte + turnover + growth,
       args = list(distance = "glm", exact = ~region + industry)),
  # industry is text in R (a factor in the model); firms.csv writes its codes as numbers, which our reader takes as
  # one numeric column unless named a factor (cases.csv's factors column, the CLI's --factors).
  list(name = "firms_glm_factors", data = "firms", formula = treat ~ fte + turnover + growth + region + industry,
       args = list(distance = "glm", ratio = 2), factors = "industry")
)

# Propensity-score cases. MatchIt 4.5.1 as built here matches a vector distance with an integer abs() (its
# issue #163, fixed in 4.5.4): it always takes the control just below the treated unit's score and ignores the
# caliper. So the glm cases fit the score with matchit(method = NULL), then match with MatchIt's distance-matrix
# path (nn_matchC: nearest |difference|, first control in data order on ties, caliper applied), giving it the
# score differences, the discard vector and the caliper width (caliper x sd of the score over non-discarded
# units) as matchit() would compute them, and the treated rows in m.order order (controls keep their order).
glm_matchit <- function(formula, d, args) {
  m0 <- matchit(formula, data = d, method = NULL, distance = "glm")
  ps <- m0$distance
  tr <- d$treat == 1
  disc <- MatchIt:::discard(d$treat, ps, if (is.null(args$discard)) "none" else args$discard)
  ord <- order(ps[tr], decreasing = !identical(args$m.order, "smallest"))
  dr <- rbind(d[tr, ][ord, ], d[!tr, ])
  psr <- c(ps[tr][ord], ps[!tr]); discr <- c(disc[tr][ord], disc[!tr])
  D <- abs(outer(psr[dr$treat == 1], psr[dr$treat == 0], "-"))
  a <- list(formula = formula, data = dr, method = "nearest", distance = D, discard = discr, m.order = "data",
            ratio = if (is.null(args$ratio)) 1 else args$ratio, replace = isTRUE(args$replace))
  if (!is.null(args$exact)) a$exact <- args$exact
  if (!is.null(args$caliper)) { a$caliper <- args$caliper * sd(ps[!disc]); a$std.caliper <- FALSE }
  m <- suppressWarnings(do.call(matchit, a))
  m$model <- m0$model
  m$weights <- m$weights[rownames(d)]
  m
}

rows <- list()
for (cs in cases) {
  # Without exact matching every firm is in the sample (strata without treated firms drop only with exact).
  d <- if (cs$data == "lalonde") lal else if (is.null(cs$args$exact)) firms else firms_active
  outcome <- if (cs$data == "lalonde") "re78" else "y"
  m <- if (cs$args$distance == "glm") glm_matchit(cs$formula, d, cs$args) else
    suppressWarnings(do.call(matchit, c(list(formula = cs$formula, data = d, method = "nearest"), cs$args)))
  mm <- m$match.matrix
  long <- do.call(rbind, lapply(seq_len(ncol(mm)), function(j)
    data.frame(treated = rownames(mm), slot = j, control = mm[, j], stringsAsFactors = FALSE)))
  long <- long[!is.na(long$control), ]
  long <- long[order(match(long$treated, d$id), long$slot), ]
  write_csv(long, paste0(cs$name, "_matches.csv"))
  w <- m$weights
  write.csv(data.frame(id = names(w), weight = fmt(w)), paste0(cs$name, "_weights.csv"), row.names = FALSE, quote = FALSE)
  if (!is.null(m$model)) {
    cf <- coef(m$model)
    write.csv(data.frame(name = names(cf), estimate = fmt(cf)), paste0(cs$name, "_coef.csv"), row.names = FALSE, quote = TRUE)
  }
  y <- d[[outcome]]; t <- d$treat
  wmd <- weighted.mean(y[t == 1], w[t == 1]) - weighted.mean(y[t == 0], w[t == 0])
  a <- cs$args
  rows[[length(rows) + 1]] <- data.frame(
    case = cs$name, data = cs$data, outcome = outcome,
    covariates = paste(attr(terms(cs$formula), "term.labels"), collapse = ","),
    distance = a$distance, ratio = if (is.null(a$ratio)) 1 else a$ratio,
    replace = isTRUE(a$replace), caliper = if (is.null(a$caliper)) "" else a$caliper,
    discard = if (is.null(a$discard)) "none" else a$discard,
    m_order = if (is.null(a$m.order)) "" else a$m.order,
    exact = if (is.null(a$exact)) "" else paste(all.vars(a$exact), collapse = ","),
    factors = if (is.null(cs$factors)) "" else cs$factors,
    rows = nrow(d), matched_treated = sum(!is.na(mm[, 1])), weighted_mean_difference = fmt(wmd),
    stringsAsFactors = FALSE)
}
write_csv(do.call(rbind, rows), "cases.csv")
writeLines(c(R.version.string, paste("MatchIt", as.character(packageVersion("MatchIt")))), "versions.txt")
