using System.Globalization;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Tests.Inference;

public class IntervalTests
{
    [Theory]
    [InlineData(1334.0143, 4312.4184, 0.95, "95% CI [1,334; 4,312]")]
    [InlineData(-2789.2, 5350.4, 0.95, "95% CI [-2,789; 5,350]")]
    [InlineData(0.41234, 0.53211, 0.95, "95% CI [0.412; 0.532]")]
    [InlineData(1.234, 2.345, 0.9, "90% CI [1.23; 2.35]")]
    [InlineData(12.345, 56.789, 0.99, "99% CI [12.3; 56.8]")]
    [InlineData(-0.5, 0.25, 0.975, "97.5% CI [-0.500; 0.250]")]
    public void ToString_FormatsLikeTable2(double low, double high, double level, string expected) =>
        Assert.Equal(expected, new Interval(low, high, level).ToString());

    [Fact]
    public void ToString_TakesAFormatAndACulture()
    {
        var ci = new Interval(1334.0143, 4312.4184, 0.95);
        Assert.Equal("95% CI [1,334.0; 4,312.4]", ci.ToString("N1", CultureInfo.InvariantCulture));
        Assert.Equal("95% CI [1.334,0; 4.312,4]", ci.ToString("N1", CultureInfo.GetCultureInfo("da-DK")));
        Assert.Equal("95% CI [1,334; 4,312]", string.Create(CultureInfo.InvariantCulture, $"{ci:#,##0}"));
        Assert.Equal("95% CI [1,334; 4,312]", ci.ToString(null, null));
    }
}
