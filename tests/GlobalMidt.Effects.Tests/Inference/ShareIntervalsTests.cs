using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Tests.Inference;

public class ShareIntervalsTests
{
    private const double Tol = 1e-10;

    public static TheoryData<string> AllCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in ShareTestReferenceCase.Load())
            {
                data.Add(c.Case);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Wilson_MatchesPropTest(string name)
    {
        var r = ShareTestReferenceCase.Get(name);
        var w = ShareIntervals.Wilson(r.X1, r.N1, r.Level);
        Tolerance.AssertClose(r.P1Low, w.Low, Tol, Tol);
        Tolerance.AssertClose(r.P1High, w.High, Tol, Tol);
        Assert.Equal(r.Level, w.Level);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void WilsonForShare_WithEffectiveSizeMatchesPropTest(string name)
    {
        var r = ShareTestReferenceCase.Get(name);
        if (r.N0 is not double n0)
        {
            return;
        }

        var w = ShareIntervals.WilsonForShare(r.P0, n0, r.Level);
        Tolerance.AssertClose(r.P0Low, w.Low, Tol, Tol);
        Tolerance.AssertClose(r.P0High, w.High, Tol, Tol);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void WaldAndNewcombeDifference_MatchR(string name)
    {
        var r = ShareTestReferenceCase.Get(name);
        double n0 = r.N0 ?? double.PositiveInfinity;
        double p1 = (double)r.X1 / r.N1;
        var wald = ShareIntervals.WaldDifference(p1, r.N1, r.P0, n0, r.Level);
        Tolerance.AssertClose(r.WaldLow, wald.Low, Tol, Tol);
        Tolerance.AssertClose(r.WaldHigh, wald.High, Tol, Tol);
        var newcombe = ShareIntervals.NewcombeDifference(p1, r.N1, r.P0, n0, r.Level);
        Tolerance.AssertClose(r.NewcombeLow, newcombe.Low, Tol, Tol);
        Tolerance.AssertClose(r.NewcombeHigh, newcombe.High, Tol, Tol);
    }

    [Fact]
    public void WilsonForShare_InfiniteSizeIsAPoint()
    {
        var w = ShareIntervals.WilsonForShare(0.42, double.PositiveInfinity);
        Assert.Equal(0.42, w.Low);
        Assert.Equal(0.42, w.High);
    }

    [Fact]
    public void Wilson_EdgesStayInUnitInterval()
    {
        Assert.Equal(0.0, ShareIntervals.Wilson(0, 7).Low);
        Assert.Equal(1.0, ShareIntervals.Wilson(7, 7).High);
        var one = ShareIntervals.Wilson(1, 1);
        Assert.InRange(one.Low, 0.0, 1.0);
        Assert.Equal(1.0, one.High);
    }

    [Fact]
    public void Intervals_RejectBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>("n", () => ShareIntervals.Wilson(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => ShareIntervals.Wilson(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => ShareIntervals.Wilson(1, 2, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => ShareIntervals.Wilson(1, 2, double.NaN));
        Assert.Throws<ArgumentException>("share", () => ShareIntervals.WilsonForShare(double.NaN, 10));
        Assert.Throws<ArgumentOutOfRangeException>("effectiveN", () => ShareIntervals.WilsonForShare(0.5, 0));
        Assert.Throws<ArgumentException>("n0", () => ShareIntervals.WaldDifference(0.5, 10, 0.5, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("share1", () => ShareIntervals.NewcombeDifference(-0.1, 10, 0.5, 10));
    }

    [Fact]
    public void Interval_ContainsAndWidth()
    {
        var i = new Interval(0.2, 0.5, 0.95);
        Assert.True(i.Contains(0.2));
        Assert.True(i.Contains(0.5));
        Assert.False(i.Contains(0.51));
        Assert.Equal(0.3, i.Width, 15);
        Assert.Equal("95% CI [0.200; 0.500]", i.ToString()); // issue 10: formatted like Table 2 (IntervalTests)
    }

    [Fact]
    public void StandardNormal_CriticalValueMatchesQnorm()
    {
        // R: sprintf("%.17g", qnorm(0.975)) = 1.959963984540054
        Tolerance.AssertClose(1.959963984540054, StandardNormal.TwoSidedCriticalValue(0.95), 1e-14, 0);
        Assert.Equal(0.0, StandardNormal.TwoSidedPValue(double.PositiveInfinity));
        Assert.Equal(1.0, StandardNormal.TwoSidedPValue(0));
        Assert.Throws<ArgumentException>("z", () => StandardNormal.TwoSidedPValue(double.NaN));
    }
}
