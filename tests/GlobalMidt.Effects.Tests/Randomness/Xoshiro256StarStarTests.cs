using GlobalMidt.Effects.Simulation;

using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Randomness;

/// <summary>
/// Reference values come from the authors' C code (References/randomness/xoshiro_reference.c, output in
/// References/randomness/xoshiro_reference.txt, gcc 12.2).
/// </summary>
public class Xoshiro256StarStarTests
{
    [Theory]
    [InlineData(0UL, new ulong[] { 11091344671253066420, 13793997310169335082, 1900383378846508768, 7684712102626143532, 13521403990117723737, 18442103541295991498 })]
    [InlineData(1UL, new ulong[] { 12966619160104079557, 9600361134598540522, 10590380919521690900, 7218738570589545383, 12860671823995680371, 2648436617965840162 })]
    [InlineData(20160125UL, new ulong[] { 1076852061737291345, 17354583385158210996, 117833582052553968, 8158245284131271974, 12997929947452883080, 10734469121248881022 })]
    public void NextUInt64_MatchesReferenceImplementation(ulong seed, ulong[] expected)
    {
        var rng = new Xoshiro256StarStar(seed);
        foreach (ulong e in expected)
        {
            Assert.Equal(e, rng.NextUInt64());
        }
    }

    [Theory]
    [InlineData(0UL, 0.42221152382531557, 0.53565486626736114, 0.85551715168487719)]
    [InlineData(1UL, 0.071045216069212325, 0.38118444669061768, 0.86715248476860041)]
    public void NextDouble_MatchesReferenceAfterSixIntegers(ulong seed, double d1, double d2, double d3)
    {
        var rng = new Xoshiro256StarStar(seed);
        for (int i = 0; i < 6; i++)
        {
            rng.NextUInt64();
        }

        Assert.Equal(d1, rng.NextDouble());
        Assert.Equal(d2, rng.NextDouble());
        Assert.Equal(d3, rng.NextDouble());
    }

    [Fact]
    public void SplitMix64_Next_MatchesReferenceImplementation()
    {
        ulong state = 0;
        Assert.Equal(16294208416658607535UL, SplitMix64.Next(ref state));
        Assert.Equal(7960286522194355700UL, SplitMix64.Next(ref state));
        state = 20160125;
        Assert.Equal(10979435154103597417UL, SplitMix64.Next(ref state));
        Assert.Equal(15039407469132255500UL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void NextInt_StaysInRangeAndHitsEveryValue()
    {
        var rng = new Xoshiro256StarStar(3);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        // Each value expects 10,000; 5 standard deviations of a binomial(70000, 1/7) are about 470.
        Assert.All(counts, c => Assert.InRange(c, 9_530, 10_470));
        Assert.Equal(0, rng.NextInt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void NextNormal_HasStandardMoments()
    {
        var rng = new Xoshiro256StarStar(11);
        const int n = 400_000;
        double sum = 0, sumSq = 0, sumCube = 0;
        int beyond196 = 0;
        for (int i = 0; i < n; i++)
        {
            double z = rng.NextNormal();
            sum += z;
            sumSq += z * z;
            sumCube += z * z * z;
            beyond196 += Math.Abs(z) > 1.959964 ? 1 : 0;
        }

        double mean = sum / n;
        double variance = (sumSq / n) - (mean * mean);

        // Standard errors: mean 1/sqrt(n) = 0.0016, variance sqrt(2/n) = 0.0022, third moment sqrt(15/n) = 0.006.
        Assert.InRange(mean, -0.008, 0.008);
        Assert.InRange(variance, 0.989, 1.011);
        Assert.InRange(sumCube / n, -0.03, 0.03);

        // P(|Z| > 1.96) = 0.05; its standard error is sqrt(0.05 * 0.95 / n) = 0.00034.
        Assert.InRange(beyond196 / (double)n, 0.0483, 0.0517);
    }

    [Fact]
    public void ForStream_GivesIndependentReproducibleStreams()
    {
        var a1 = Xoshiro256StarStar.ForStream(5, 0);
        var a2 = Xoshiro256StarStar.ForStream(5, 0);
        var b = Xoshiro256StarStar.ForStream(5, 1);
        var c = Xoshiro256StarStar.ForStream(6, 0);
        ulong x = a1.NextUInt64();
        Assert.Equal(x, a2.NextUInt64());
        Assert.NotEqual(x, b.NextUInt64());
        Assert.NotEqual(x, c.NextUInt64());
    }

    [Fact]
    public void NextOpenDouble_IsNeverZeroOrOne()
    {
        var rng = new Xoshiro256StarStar(0);
        for (int i = 0; i < 10_000; i++)
        {
            double u = rng.NextOpenDouble();
            Assert.True(u > 0 && u < 1);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(65537)]
    public void AddDrawCounts_IsTheNextIntLoop(int n)
    {
        var a = new Xoshiro256StarStar(99);
        var b = new Xoshiro256StarStar(99);
        var expected = new int[n];
        var actual = new int[n];
        for (int r = 0; r < 3; r++)
        {
            for (int i = 0; i < n; i++)
            {
                expected[a.NextInt(n)]++;
            }

            b.AddDrawCounts(actual);
        }

        Assert.Equal(expected, actual);
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }
}
