using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The horizon bands of the series (issue 8), with exact boundaries.</summary>
public static class SeriesBands
{
    /// <summary>The band of <paramref name="yearsAfter"/> &gt; 0: "0-2" for 0 &lt; y &lt;= 2, "2-5" for 2 &lt; y
    /// &lt;= 5, "5+" for y &gt; 5 (2 years after is the last period of "0-2", as in the generator's truth).</summary>
    public static string Of(double yearsAfter) => yearsAfter switch
    {
        <= 2.0 => "0-2",
        <= 5.0 => "2-5",
        _ => "5+",
    };

    /// <summary>Years from <paramref name="projectEnd"/> to <paramref name="period"/>: half-years / 2 for half-year
    /// periods, years for annual ones.</summary>
    public static double YearsAfter(Period projectEnd, Period period) =>
        period.IsHalfYear ? (period.Ordinal - projectEnd.Ordinal) / 2.0 : period.Ordinal - projectEnd.Ordinal;
}
