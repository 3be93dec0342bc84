using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Eligibility;

/// <summary>
/// The three periods of a measurement, as indices into a <see cref="Register"/>: history start, baseline and
/// measurement (history &lt;= baseline &lt; measurement). The window is baseline..measurement inclusive.
/// </summary>
public sealed record MeasurementWindow
{
    private MeasurementWindow(Period history, Period baseline, Period measurement, int historyIndex, int baselineIndex, int measurementIndex)
    {
        History = history;
        Baseline = baseline;
        Measurement = measurement;
        HistoryIndex = historyIndex;
        BaselineIndex = baselineIndex;
        MeasurementIndex = measurementIndex;
    }

    /// <summary>Start of the employment history.</summary>
    public Period History { get; }

    /// <summary>The baseline period.</summary>
    public Period Baseline { get; }

    /// <summary>The measurement period.</summary>
    public Period Measurement { get; }

    /// <summary>Index of <see cref="History"/> in the register's periods.</summary>
    public int HistoryIndex { get; }

    /// <summary>Index of <see cref="Baseline"/> in the register's periods.</summary>
    public int BaselineIndex { get; }

    /// <summary>Index of <see cref="Measurement"/> in the register's periods.</summary>
    public int MeasurementIndex { get; }

    /// <summary>
    /// Resolves the periods against a register. Defaults: history = the first period, measurement = the last,
    /// baseline = six years before the measurement (the seed's 2008H2..2014H2 window).
    /// </summary>
    /// <exception cref="AnalysisException">A period is not in the register, or the order is wrong; the message lists the register's periods.</exception>
    public static MeasurementWindow Resolve(Register register, Period? history, Period? baseline, Period? measurement)
    {
        ArgumentNullException.ThrowIfNull(register);
        if (register.PeriodCount < 2)
        {
            throw new AnalysisException("The register needs at least two periods (a baseline and a measurement).");
        }

        var periods = register.Periods;
        var m = measurement ?? periods[^1];
        var h = history ?? periods[0];
        if (baseline is null && m.Year - 6 < 1900)
        {
            throw new AnalysisException(
                $"The default baseline, six years before the measurement period {m}, would be before 1900 (the first year a period can have); give the baseline (--baseline).");
        }

        var b = baseline ?? (m.IsHalfYear ? Period.FromHalfYear(m.Year - 6, m.Half) : Period.FromYear(m.Year - 6));
        int hi = Find(register, h, "history", history is null ? null : "--history");
        int bi = Find(register, b, "baseline", baseline is null ? "six years before the measurement, by default" : "--baseline");
        int mi = Find(register, m, "measurement", measurement is null ? null : "--measure");
        if (!(hi <= bi && bi < mi))
        {
            throw new AnalysisException($"Periods must satisfy history <= baseline < measurement (got history {h}, baseline {b}, measurement {m}).");
        }

        return new MeasurementWindow(h, b, m, hi, bi, mi);
    }

    private static int Find(Register register, Period p, string role, string? how)
    {
        int i = register.FindPeriod(p);
        if (i < 0)
        {
            string hint = how is null ? string.Empty : $" ({how})";
            throw new AnalysisException(
                $"The {role} period {p}{hint} is not in the register; its periods are {string.Join(", ", register.Periods)}.");
        }

        return i;
    }
}
