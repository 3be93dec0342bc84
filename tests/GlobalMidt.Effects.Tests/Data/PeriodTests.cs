using System.Text;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Tests.Data;

public class PeriodTests
{
    [Theory]
    [InlineData("2014", 2014, 0)]
    [InlineData("2008H2", 2008, 2)]
    [InlineData("2008h1", 2008, 1)]
    [InlineData(" 1900 ", 1900, 0)]
    [InlineData("2999H2", 2999, 2)]
    public void TryParse_AcceptsYearsAndHalfYears(string text, int year, int half)
    {
        Assert.True(Period.TryParse(text, out var p));
        Assert.Equal(year, p.Year);
        Assert.Equal(half, p.Half);
        Assert.True(Period.TryParseUtf8(Encoding.UTF8.GetBytes(text.Trim()), out var q));
        Assert.Equal(p, q);
    }

    [Theory]
    [InlineData("")]
    [InlineData("14")]
    [InlineData("1899")]
    [InlineData("3000")]
    [InlineData("2014H3")]
    [InlineData("2014H0")]
    [InlineData("2014Q1")]
    [InlineData("2014-2")]
    [InlineData("20a4")]
    [InlineData("2014H12")]
    public void TryParse_RejectsOtherLabels(string text)
    {
        Assert.False(Period.TryParse(text, out _));
        Assert.False(Period.TryParseUtf8(Encoding.UTF8.GetBytes(text), out _));
        var e = Assert.Throws<FormatException>(() => Period.Parse(text));
        Assert.Contains("YYYY, YYYYH1 or YYYYH2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Periods_OrderInTimeAndPrintBack()
    {
        var labels = new[] { "2009H1", "2008H2", "2009H2", "2008H1" };
        var sorted = labels.Select(Period.Parse).Order().Select(p => p.ToString()).ToArray();
        Assert.Equal(["2008H1", "2008H2", "2009H1", "2009H2"], sorted);
        Assert.Equal(1, Period.Parse("2009H1").Ordinal - Period.Parse("2008H2").Ordinal);
        Assert.True(Period.Parse("2014") > Period.Parse("2013"));
    }

    [Fact]
    public void Factories_RejectOutOfRangeValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.FromYear(1800));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.FromHalfYear(2008, 3));
    }
}
