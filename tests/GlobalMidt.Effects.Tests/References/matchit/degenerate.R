# What MatchIt 4.5.1 (R 4.2.2) does on the degenerate data of DegenerateMatchingTests (issue 9).
# Run: Rscript degenerate.R
suppressMessages(library(MatchIt))
d1 <- data.frame(treat = c(1, 0), x = c(1, 3), y = c(2, 4))
r1 <- tryCatch({ m <- matchit(treat ~ x + y, data = d1, distance = "mahalanobis"); m$match.matrix }, error = function(e) conditionMessage(e))
print(r1)
d2 <- data.frame(treat = c(1, 0, 0, 0), x = c(5, 1, 1, 1), y = c(7, 2, 2, 2))
r2 <- tryCatch({ m <- matchit(treat ~ x + y, data = d2, distance = "mahalanobis", ratio = 2); m$match.matrix }, error = function(e) conditionMessage(e))
print(r2)
r3 <- tryCatch({ m <- matchit(treat ~ x + y, data = d2, distance = "scaled_euclidean", ratio = 2); m$match.matrix }, error = function(e) conditionMessage(e))
print(r3)
r4 <- tryCatch({ m <- matchit(treat ~ x + y, data = d1, distance = "scaled_euclidean"); m$match.matrix }, error = function(e) conditionMessage(e))
print(r4)
# Printed:
# [1] "missing value where TRUE/FALSE needed"
#   [,1] [,2]
# 1 "2"  "3" 
# [1] "No units were matched."
#   [,1]
# 1 "2" 
# 1: one treated + one control, Mahalanobis: an error (0/0 covariance). Ours: standardized Euclidean, pair (1, 2).
# 2: zero covariance, Mahalanobis, ratio 2: controls 2 and 3, as ours.
# 3: zero covariance, scaled Euclidean: no unit matched (pooled SD 0). Ours: controls 2 and 3 (total SD).
# 4: one treated + one control, scaled Euclidean: the pair, as ours.
