using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Plots;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Plots;

/// <summary>The event-time charts of <c>measure --series --plot</c>.</summary>
public sealed class SeriesChartsTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "gm-series-plot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public void EventTime_TitleAndAxes_ErrorsWithoutSeriesOrGroup()
    {
        var files = ChainSimulator.Write(new ChainSimulationOptions { Firms = 3000, Seed = 2 }, _out, gzip: false);
        var result = EffectMeasurement.Run(files.FirmsPath, files.ParticipantsPath, files.BudgetsPath, new MeasurementOptions
        {
            History = ChainSimulator.FirstPeriod,
            Baseline = ChainSimulator.Baseline,
            Series = true,
            BootstrapReplicates = 19,
        });
        string group = result.Groups[0].Group;

        var jobs = SeriesCharts.EventTime(result, group, SeriesOutcome.Jobs);
        Assert.Equal($"Jobs created after the project end 2019H2: {group}", jobs.Title);
        string svg = jobs.ToSvg();
        Assert.Contains("Years after the project end", svg, StringComparison.Ordinal);
        Assert.Contains("Jobs created (FTE years)", svg, StringComparison.Ordinal);

        var export = SeriesCharts.EventTime(result, group, SeriesOutcome.AddedExport);
        Assert.Contains("Added export (mio. DKK)", export.ToSvg(), StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => SeriesCharts.EventTime(result, "no such group", SeriesOutcome.Jobs));
        var classic = result with { Series = null };
        Assert.Throws<ArgumentException>(() => SeriesCharts.EventTime(classic, group, SeriesOutcome.Jobs));
        Assert.Equal(Period.FromHalfYear(2026, 2), result.Window.Measurement);
    }
}
