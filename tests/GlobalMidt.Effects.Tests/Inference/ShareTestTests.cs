using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Tests.Inference;

public class ShareTestTests
{
    private const double Rel = 1e-10;
    private const double Abs = 1e-10;

    public static TheoryData<string> KnownCases => ShareTestReferenceCase.Cases("known");

    public static TheoryData<string> TwoSampleCases => ShareTestReferenceCase.Cases("two_sample");

    [Theory]
    [MemberData(nameof(KnownCases))]
    public void KnownShare_MatchesR(string name)
    {
        var r = ShareTestReferenceCase.Get(name);
        var options = new ShareTestOptions { Level = r.Level };
        var t = r.N0 is double n0
            ? ShareTest.KnownShare(r.X1, r.N1, r.P0, n0, options)
            : ShareTest.KnownShare(r.X1, r.N1, r.P0, options);

        Assert.Equal(ShareTestMethod.KnownShare, t.Method);
        Assert.Equal(r.N0, t.ControlEffectiveN);
        Tolerance.AssertClose(r.Z, t.Statistic, Rel, 0, "z");
        Tolerance.AssertClose(r.Z * r.Z, r.ChiSquare, 1e-9, 0, "R's chi-square is z^2");
        // Relative tolerance only: tiny p-values (down to 1e-283) must keep their digits.
        Tolerance.AssertClose(r.PPnorm, t.PValue, Rel, 0, "2*pnorm(-|z|)");
        Tolerance.AssertClose(r.PPropTest, t.PValue, Rel, 0, "prop.test p");
        AssertIntervals(r, t);
    }

    [Theory]
    [MemberData(nameof(TwoSampleCases))]
    public void TwoSample_MatchesR(string name)
    {
        var r = ShareTestReferenceCase.Get(name);
        var t = ShareTest.TwoSample(r.X1, r.N1, r.P0, r.N0!.Value, new ShareTestOptions { Level = r.Level });

        Assert.Equal(ShareTestMethod.TwoSample, t.Method);
        Tolerance.AssertClose(r.Z, t.Statistic, Rel, Abs, "z");
        Tolerance.AssertClose(r.PPnorm, t.PValue, Rel, 0, "2*pnorm(-|z|)");
        Tolerance.AssertClose(r.PPropTest, t.PValue, Rel, Abs, "prop.test p");
        AssertIntervals(r, t);
    }

    [Theory]
    [MemberData(nameof(KnownCases))]
    public void KnownShare_NewcombeDifferenceMatchesR(string name)
    {
        var r = ShareTestReferenceCase.Get(name);
        var options = new ShareTestOptions { Level = r.Level, DifferenceInterval = DifferenceIntervalMethod.Newcombe };
        var t = r.N0 is double n0
            ? ShareTest.KnownShare(r.X1, r.N1, r.P0, n0, options)
            : ShareTest.KnownShare(r.X1, r.N1, r.P0, options);

        Assert.Equal(DifferenceIntervalMethod.Newcombe, t.DifferenceMethod);
        Tolerance.AssertClose(r.NewcombeLow, t.DifferenceInterval.Low, Rel, Abs, "Newcombe low");
        Tolerance.AssertClose(r.NewcombeHigh, t.DifferenceInterval.High, Rel, Abs, "Newcombe high");
    }

    [Theory]
    [MemberData(nameof(TwoSampleCases))]
    public void TwoSample_NewcombeDifferenceMatchesR(string name)
    {
        var r = ShareTestReferenceCase.Get(name);
        var options = new ShareTestOptions { Level = r.Level, DifferenceInterval = DifferenceIntervalMethod.Newcombe };
        var t = ShareTest.TwoSample(r.X1, r.N1, r.P0, r.N0!.Value, options);

        Tolerance.AssertClose(r.NewcombeLow, t.DifferenceInterval.Low, Rel, Abs, "Newcombe low");
        Tolerance.AssertClose(r.NewcombeHigh, t.DifferenceInterval.High, Rel, Abs, "Newcombe high");
    }

    [Fact]
    public void KnownShare_PublishedSjaellandTurnoverGivesAbout027WhileOneToOneGives044()
    {
        // 31/67 = 0.463 (printed 0.46) against 0.53: the known-share test is near the published 0.28, the 1:1 test is not.
        var known = ShareTest.KnownShare(31, 67, 0.53);
        var oneToOne = ShareTest.TwoSample(31, 67, 0.53, 67);
        Tolerance.AssertClose(ShareTestReferenceCase.Get("published_turn_sjaelland").PPnorm, known.PValue, Rel, 0);
        Tolerance.AssertClose(ShareTestReferenceCase.Get("published_turn_1to1_sjaelland").PPnorm, oneToOne.PValue, Rel, 0);
        Assert.InRange(oneToOne.PValue, 0.4, 0.5);
    }

    [Fact]
    public void KnownShare_SharesAndCountsAreReported()
    {
        var t = ShareTest.KnownShare(3, 8, 0.25);
        Assert.Equal(3.0 / 8, t.ParticipantShare);
        Assert.Equal(0.25, t.ControlShare);
        Assert.Equal((3.0 / 8) - 0.25, t.Difference);
        Assert.Equal(3, t.Successes);
        Assert.Equal(8, t.N);
        Assert.Null(t.ControlEffectiveN);
        Assert.Equal(new Interval(0.25, 0.25, 0.95), t.ControlInterval);
    }

    [Fact]
    public void KnownShare_ControlShareZeroOrOneIsDefined()
    {
        var equal0 = ShareTest.KnownShare(0, 10, 0.0);
        Assert.Equal(1.0, equal0.PValue);
        Assert.Equal(0.0, equal0.Statistic);

        var equal1 = ShareTest.KnownShare(10, 10, 1.0);
        Assert.Equal(1.0, equal1.PValue);

        var above = ShareTest.KnownShare(1, 10, 0.0);
        Assert.Equal(0.0, above.PValue);
        Assert.Equal(double.PositiveInfinity, above.Statistic);

        var below = ShareTest.KnownShare(9, 10, 1.0);
        Assert.Equal(0.0, below.PValue);
        Assert.Equal(double.NegativeInfinity, below.Statistic);
    }

    [Theory]
    [InlineData(1, 1, 0.0, 1.0, 1.4142135623730951, 0.15729920705028447)] // one participant (grew) vs one control (did not)
    [InlineData(0, 1, 1.0, 1.0, -1.4142135623730951, 0.15729920705028447)]
    [InlineData(1, 1, 0.0, 5.0, 2.4494897427831783, 0.014305878435429643)]
    [InlineData(7, 10, 1.0, 12.5, -2.0801257358446095, 0.037514001615540207)]
    [InlineData(3, 40, 0.0, 96.2, 2.7161553711082136, 0.0066044915441229868)]
    public void KnownShare_WithControlSize_ControlShareZeroOrOne_IsTheTwoSampleTest(int x1, int n1, double p0, double n0, double z, double p)
    {
        // References/inference/share_test_fallback.R: prop.test(c(x1, p0 n0), c(n1, n0), correct = FALSE), R 4.2.2.
        var t = ShareTest.KnownShare(x1, n1, p0, n0);
        Assert.Equal(ShareTestMethod.TwoSample, t.Method);
        Tolerance.AssertClose(z, t.Statistic, Rel, 0, "z");
        Tolerance.AssertClose(p, t.PValue, Rel, 0, "prop.test p");
        Assert.Equal(ShareTest.TwoSample(x1, n1, p0, n0), t);

        // Equal shares stay the known-share test with p = 1; a share strictly inside (0, 1) is never replaced.
        Assert.Equal(ShareTestMethod.KnownShare, ShareTest.KnownShare(p0 == 0 ? 0 : n1, n1, p0, n0).Method);
        Assert.Equal(1.0, ShareTest.KnownShare(p0 == 0 ? 0 : n1, n1, p0, n0).PValue);
        Assert.Equal(ShareTestMethod.KnownShare, ShareTest.KnownShare(x1, n1, 0.5, n0).Method);
    }

    [Fact]
    public void KnownShare_TinyPValueDoesNotCancelToZero()
    {
        // 1 - pnorm(z) would be exactly 0 in double for z > 8.3; erfc keeps the value (R: 2*pnorm(-abs(z))).
        var t = ShareTest.KnownShare(900, 1000, 0.4);
        Assert.True(t.PValue > 0);
        Tolerance.AssertClose(ShareTestReferenceCase.Get("large_z_32").PPnorm, t.PValue, Rel, 0);
    }

    [Fact]
    public void KnownShare_N1()
    {
        var t = ShareTest.KnownShare(1, 1, 0.3);
        Tolerance.AssertClose(ShareTestReferenceCase.Get("n1_x1").PPnorm, t.PValue, Rel, 0);
        Assert.Equal(1, t.N);
    }

    [Fact]
    public void KnownShare_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>("n", () => ShareTest.KnownShare(0, 0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => ShareTest.KnownShare(-1, 5, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => ShareTest.KnownShare(6, 5, 0.5));
        Assert.Throws<ArgumentException>("controlShare", () => ShareTest.KnownShare(1, 5, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("controlShare", () => ShareTest.KnownShare(1, 5, 1.2));
        Assert.Throws<ArgumentException>("controlEffectiveN", () => ShareTest.KnownShare(1, 5, 0.5, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("controlEffectiveN", () => ShareTest.KnownShare(1, 5, 0.5, 0.0));
        var ex = Assert.Throws<ArgumentException>("Level", () => ShareTest.KnownShare(1, 5, 0.5, new ShareTestOptions { Level = 1 }));
        Assert.Contains("ShareTestOptions.Level", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("Level", () => ShareTest.KnownShare(1, 5, 0.5, new ShareTestOptions { Level = double.NaN }));
    }

    [Fact]
    public void TwoSample_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>("n1", () => ShareTest.TwoSample(0, 0, 0.5, 10));
        Assert.Throws<ArgumentException>("share0", () => ShareTest.TwoSample(1, 5, double.NaN, 10));
        Assert.Throws<ArgumentException>("effectiveN0", () => ShareTest.TwoSample(1, 5, 0.5, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("effectiveN0", () => ShareTest.TwoSample(1, 5, 0.5, -1));
    }

    [Fact]
    public void TwoSample_PooledShareZeroOrOneGivesPOne()
    {
        var zeros = ShareTest.TwoSample(0, 10, 0.0, 20);
        Assert.Equal(1.0, zeros.PValue);
        Assert.Equal(0.0, zeros.Statistic);
        var ones = ShareTest.TwoSample(10, 10, 1.0, 20);
        Assert.Equal(1.0, ones.PValue);
    }

    [Fact]
    public void TwoSample_WithInfiniteControlSizeEqualsKnownShare()
    {
        var two = ShareTest.TwoSample(31, 67, 0.53, double.PositiveInfinity);
        var known = ShareTest.KnownShare(31, 67, 0.53);
        Tolerance.AssertClose(known.Statistic, two.Statistic, 1e-14, 0);
        Tolerance.AssertClose(known.PValue, two.PValue, 1e-14, 0);
    }

    [Fact]
    public void TwoSample_ApproachesKnownShareAsControlGrows()
    {
        var known = ShareTest.KnownShare(31, 67, 0.53);
        var large = ShareTest.TwoSample(31, 67, 0.53, 1e9);
        Tolerance.AssertClose(known.PValue, large.PValue, 1e-6, 0);
    }

    [Fact]
    public void IsSignificant_UsesStrictThreshold()
    {
        var t = ShareTest.KnownShare(31, 67, 0.53);
        Assert.False(t.IsSignificant());
        Assert.True(t.IsSignificant(0.3));
    }

    private static void AssertIntervals(ShareTestReferenceCase r, ShareTest t)
    {
        Assert.Equal(r.Level, t.ParticipantInterval.Level);
        Tolerance.AssertClose(r.P1Low, t.ParticipantInterval.Low, Rel, Abs, "Wilson p1 low");
        Tolerance.AssertClose(r.P1High, t.ParticipantInterval.High, Rel, Abs, "Wilson p1 high");
        Tolerance.AssertClose(r.P0Low, t.ControlInterval.Low, Rel, Abs, "Wilson p0 low");
        Tolerance.AssertClose(r.P0High, t.ControlInterval.High, Rel, Abs, "Wilson p0 high");
        Tolerance.AssertClose(r.WaldLow, t.DifferenceInterval.Low, Rel, Abs, "Wald low");
        Tolerance.AssertClose(r.WaldHigh, t.DifferenceInterval.High, Rel, Abs, "Wald high");
    }
}
