namespace GlobalMidt.Effects.Matching;

/// <summary>
/// Dense linear algebra on small square matrices (p x p, p the number of covariates), stored column-major in one
/// <c>double[]</c> (element (i, j) at <c>j * p + i</c>).
/// </summary>
/// <remarks>
/// Written for the matching fit so that a cold process does not load and just-in-time compile a general linear
/// algebra library for a 3 x 3 covariance. The operations are done in the same order as MathNet.Numerics 5.0's
/// managed provider (right-looking Cholesky; LU with partial pivoting by columns, Doolittle form; forward then
/// back substitution), so the results are the same doubles as <c>Matrix.Determinant()</c>,
/// <c>Matrix.Cholesky().Factor</c> and <c>Matrix.Inverse()</c>, which the tests check bit for bit.
/// </remarks>
internal static class SmallMatrix
{
    /// <summary>LU factorisation with partial pivoting, in place: P A = L U (unit L below the diagonal, U on and
    /// above it); <paramref name="pivots"/>[j] is the row swapped with row j at step j.</summary>
    public static void LuFactor(double[] a, int p, int[] pivots)
    {
        for (int i = 0; i < p; i++)
        {
            pivots[i] = i;
        }

        var col = new double[p];
        for (int j = 0; j < p; j++)
        {
            int cj = j * p;
            Array.Copy(a, cj, col, 0, p);

            // Column j of L U so far: subtract the products of the earlier columns.
            for (int i = 0; i < p; i++)
            {
                int kmax = Math.Min(i, j);
                double s = 0.0;
                for (int k = 0; k < kmax; k++)
                {
                    s += a[(k * p) + i] * col[k];
                }

                col[i] -= s;
                a[cj + i] = col[i];
            }

            // The largest remaining element of the column becomes the pivot (first one on ties).
            int piv = j;
            for (int i = j + 1; i < p; i++)
            {
                if (Math.Abs(col[i]) > Math.Abs(col[piv]))
                {
                    piv = i;
                }
            }

            if (piv != j)
            {
                for (int k = 0; k < p; k++)
                {
                    int ck = k * p;
                    (a[ck + piv], a[ck + j]) = (a[ck + j], a[ck + piv]);
                }

                pivots[j] = piv;
            }

            double d = a[cj + j];
            if (d != 0.0)
            {
                for (int i = j + 1; i < p; i++)
                {
                    a[cj + i] /= d;
                }
            }
        }
    }

    /// <summary>The determinant of <paramref name="m"/> (not changed), through its LU factorisation.</summary>
    public static double Determinant(double[] m, int p)
    {
        var a = (double[])m.Clone();
        var piv = new int[p];
        LuFactor(a, p, piv);
        double det = 1.0;
        for (int j = 0; j < p; j++)
        {
            if (piv[j] != j)
            {
                det = -det;
            }

            det *= a[(j * p) + j];
        }

        return det;
    }

    /// <summary>The inverse of <paramref name="m"/> (not changed), by LU factorisation and p solves.</summary>
    public static double[] Inverse(double[] m, int p)
    {
        var a = (double[])m.Clone();
        var piv = new int[p];
        LuFactor(a, p, piv);
        var b = new double[p * p];
        for (int i = 0; i < p; i++)
        {
            b[i + (p * i)] = 1.0;
        }

        // Row swaps of the identity, in the order they were made.
        for (int i = 0; i < p; i++)
        {
            int r = piv[i];
            if (r == i)
            {
                continue;
            }

            for (int c = 0; c < p; c++)
            {
                int cc = c * p;
                (b[cc + r], b[cc + i]) = (b[cc + i], b[cc + r]);
            }
        }

        // L y = P b (unit diagonal), column k of L at a time.
        for (int k = 0; k < p; k++)
        {
            int ck = k * p;
            for (int i = k + 1; i < p; i++)
            {
                for (int c = 0; c < p; c++)
                {
                    int cc = c * p;
                    b[i + cc] -= b[k + cc] * a[i + ck];
                }
            }
        }

        // U x = y, from the last row up.
        for (int k = p - 1; k >= 0; k--)
        {
            double d = a[k + (k * p)];
            for (int c = 0; c < p; c++)
            {
                b[k + (c * p)] /= d;
            }

            int ck = k * p;
            for (int i = 0; i < k; i++)
            {
                for (int c = 0; c < p; c++)
                {
                    int cc = c * p;
                    b[i + cc] -= b[k + cc] * a[i + ck];
                }
            }
        }

        return b;
    }

    /// <summary>The lower Cholesky factor L of a symmetric positive definite <paramref name="m"/> (not changed):
    /// m = L L'.</summary>
    /// <exception cref="ArgumentException">A pivot is not positive (the matrix is not positive definite).</exception>
    public static double[] CholeskyLower(double[] m, int p)
    {
        var a = (double[])m.Clone();
        var mult = new double[p];
        for (int j = 0; j < p; j++)
        {
            int cj = j * p;
            double d = a[cj + j];
            if (!(d > 0.0))
            {
                throw new ArgumentException("The matrix is not positive definite.", nameof(m));
            }

            d = Math.Sqrt(d);
            a[cj + j] = d;
            mult[j] = d;
            for (int i = j + 1; i < p; i++)
            {
                a[cj + i] /= d;
                mult[i] = a[cj + i];
            }

            // Outer-product update of the remaining columns, on and below the diagonal.
            for (int c = j + 1; c < p; c++)
            {
                double f = mult[c];
                int cc = c * p;
                for (int i = c; i < p; i++)
                {
                    a[cc + i] -= mult[i] * f;
                }
            }

            for (int i = j + 1; i < p; i++)
            {
                a[(i * p) + j] = 0.0;
            }
        }

        return a;
    }
}
