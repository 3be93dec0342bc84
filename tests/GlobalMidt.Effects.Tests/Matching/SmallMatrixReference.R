# Reference values for SmallMatrixTests (R 4.2.2): determinant, Cholesky factor and inverse of a 4 x 4 covariance.
# Run: Rscript SmallMatrixReference.R > SmallMatrixReference.txt
options(digits = 17)
m <- matrix(c(4.0, 1.2, -0.7, 0.3,
              1.2, 3.1, 0.4, -0.2,
              -0.7, 0.4, 2.5, 0.9,
              0.3, -0.2, 0.9, 1.7), 4, 4)
L <- t(chol(m))          # lower factor, m = L L'
cat("det", sprintf("%.17g", det(m)), "\n")
cat("cholL", sprintf("%.17g", as.vector(L)), "\n")          # column-major
cat("invL", sprintf("%.17g", as.vector(solve(L))), "\n")    # column-major
cat("inv", sprintf("%.17g", as.vector(solve(m))), "\n")     # column-major
