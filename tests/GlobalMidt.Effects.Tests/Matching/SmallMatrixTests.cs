using GlobalMidt.Effects.Matching;
using MathNet.Numerics.LinearAlgebra;

using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>
/// <see cref="SmallMatrix"/> replaces MathNet.Numerics in the Mahalanobis fit: it must give the very same doubles as
/// MathNet's <c>Determinant()</c>, <c>Cholesky().Factor</c> and <c>Inverse()</c> (so matches and distances stay
/// byte-identical), and agree with R.
/// </summary>
public sealed class SmallMatrixTests
{
    // SmallMatrixReference.R (R 4.2.2) -> SmallMatrixReference.txt; column-major.
    private static readonly double[] RMatrix = [4.0, 1.2, -0.7, 0.3, 1.2, 3.1, 0.4, -0.2, -0.7, 0.4, 2.5, 0.9, 0.3, -0.2, 0.9, 1.7];
    private const double RDet = 29.123199999999997;
    private static readonly double[] RCholL = [2, 0.59999999999999998, -0.34999999999999998, 0.14999999999999999, 0, 1.6552945357246849, 0.36851447693140793, -0.17519540706575135, 0, 0, 1.4972298020985191, 0.6792958852208959, 0, 0, 0, 1.0887440790493534];
    private static readonly double[] RInvL = [0.5, -0.18123662799905307, 0.16149045445728663, -0.19880854481597016, 0, 0.60412209333017697, -0.14869309768897337, 0.18998590160864245, 0, 0, 0.66790014371768369, -0.41672035522068818, 0, 0, 0, 0.9184894955967603];
    private static readonly double[] RInv = [0.34845071970113173, -0.17127238764970881, 0.19070706515767497, -0.18260356004834633, -0.17127238764970881, 0.42316778376002634, -0.17848313372156907, 0.17450005493901771, 0.19070706515767494, -0.17848313372156902, 0.61974645643335891, -0.38275326887155259, -0.18260356004834635, 0.17450005493901768, -0.38275326887155259, 0.84362295352159111];

    [Fact]
    public void AgreesWithR()
    {
        Assert.Equal(RDet, SmallMatrix.Determinant(RMatrix, 4), 1e-12 * RDet);
        AssertClose(RCholL, SmallMatrix.CholeskyLower(RMatrix, 4));
        AssertClose(RInvL, SmallMatrix.Inverse(SmallMatrix.CholeskyLower(RMatrix, 4), 4));
        AssertClose(RInv, SmallMatrix.Inverse(RMatrix, 4));
    }

    [Fact]
    public void SameDoublesAsMathNet_OnRandomCovariances()
    {
        var rng = new SplitMix64(20261127);
        for (int trial = 0; trial < 400; trial++)
        {
            int p = 1 + (trial % 12);
            int n = p + 2 + rng.NextInt(30);

            // A covariance-like matrix X'X / n from skewed random data (sometimes nearly collinear columns).
            var x = new double[n, p];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < p; j++)
                {
                    double u = (rng.NextInt(1_000_000) + 0.5) / 1_000_000;
                    x[i, j] = trial % 5 == 0 && j > 0 ? x[i, 0] * 3 + (u * 1e-6) : Math.Exp(4 * u) - (trial % 3 * u);
                }
            }

            var cov = new double[p * p];
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        s += x[i, a] * x[i, b];
                    }

                    cov[(b * p) + a] = s / n;
                }
            }

            var m = Matrix<double>.Build.Dense(p, p, (double[])cov.Clone());
            Assert.Equal(BitConverter.DoubleToInt64Bits(m.Determinant()), BitConverter.DoubleToInt64Bits(SmallMatrix.Determinant(cov, p)));
            AssertSame(m.Inverse().ToColumnMajorArray(), SmallMatrix.Inverse(cov, p));
            double[] ours;
            try
            {
                ours = SmallMatrix.CholeskyLower(cov, p);
            }
            catch (ArgumentException)
            {
                Assert.ThrowsAny<ArgumentException>(() => m.Cholesky());
                continue;
            }

            var factor = m.Cholesky().Factor;
            AssertSame(factor.ToColumnMajorArray(), ours);
            AssertSame(factor.Inverse().ToColumnMajorArray(), SmallMatrix.Inverse(ours, p));
        }
    }

    [Fact]
    public void CholeskyLower_NotPositiveDefinite_Throws()
    {
        double[] m = [1, 2, 2, 1];
        Assert.Throws<ArgumentException>(() => SmallMatrix.CholeskyLower(m, 2));
    }

    private static void AssertSame(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                expected[i].Equals(actual[i]),
                $"element {i}: MathNet {expected[i]:R}, ours {actual[i]:R}");
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"element {i}: R {expected[i]:R}, ours {actual[i]:R}");
        }
    }
}
