# README side-by-side: run in this folder after
#   globalmidt-effects match --data lalonde.csv --treat treat --id id --covariates age,educ,race,married,nodegree,re74,re75 --distance mahalanobis --ratio 2 --out pairs.csv
# then: Rscript readme_side_by_side.R pairs.csv
suppressMessages(library(MatchIt))
lalonde <- read.csv("lalonde.csv")
m <- matchit(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde,
             method = "nearest", distance = "mahalanobis", ratio = 2)
mm <- m$match.matrix
ids <- lalonde$id
r <- data.frame(treated = ids[as.integer(rownames(mm))], c1 = ids[as.integer(mm[, 1])], c2 = ids[as.integer(mm[, 2])])
print(head(r, 3))
args <- commandArgs(TRUE)
ours <- read.csv(if (length(args)) args[1] else "pairs.csv")
o1 <- ours[ours$slot == 1, ]; o2 <- ours[ours$slot == 2, ]
cat("identical slot 1:", all(o1$control[match(r$treated, o1$treated)] == r$c1),
    " slot 2:", all(o2$control[match(r$treated, o2$treated)] == r$c2), "\n")
w <- m$weights; ow <- setNames(rep(0, nrow(lalonde)), ids); ow[ours$treated] <- 1
agg <- tapply(ours$weight, ours$control, function(x) x[1]); ow[names(agg)] <- agg
cat("max |weight difference|:", max(abs(w - ow)), "\n")
