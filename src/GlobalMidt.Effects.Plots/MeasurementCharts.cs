using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Plots;

/// <summary>Every chart of a measurement under its file name (<c>measure --plot DIR</c>): a Love plot per group
/// with a balance table (<c>balance-&lt;group&gt;.png</c>), the growth shares and the effects with their intervals; with a series, per group the event-time charts of jobs
/// and added export (<c>series-jobs-&lt;group&gt;.png</c>, <c>series-export-&lt;group&gt;.png</c>).</summary>
internal static class MeasurementCharts
{
    /// <summary>The charts in the order they are written, each made when enumerated.</summary>
    public static IEnumerable<(string FileName, Chart Chart)> All(MeasurementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var g in result.Groups)
        {
            if (g.Balance is not null)
            {
                yield return ("balance-" + Slug(g.Group) + ".png", LovePlot.Create(g.Balance, new LovePlotOptions { Title = $"Covariate balance: {g.Group}" }));
            }
        }

        yield return ("shares-employment.png", EffectCharts.GrowthShares(result, EffectOutcome.Employment));
        yield return ("shares-turnover.png", EffectCharts.GrowthShares(result, EffectOutcome.Turnover));
        yield return ("effects-jobs.png", EffectCharts.Estimates(result, EffectOutcome.Employment));
        yield return ("effects-turnover.png", EffectCharts.Estimates(result, EffectOutcome.Turnover));
        foreach (var g in result.Series is null ? [] : result.Groups)
        {
            yield return ("series-jobs-" + Slug(g.Group) + ".png", SeriesCharts.EventTime(result, g.Group, SeriesOutcome.Jobs));
            yield return ("series-export-" + Slug(g.Group) + ".png", SeriesCharts.EventTime(result, g.Group, SeriesOutcome.AddedExport));
        }
    }

    /// <summary>A file-name-safe form of a group name: letters and digits kept (Danish letters included), others as '-'.</summary>
    internal static string Slug(string group)
    {
        var chars = group.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
