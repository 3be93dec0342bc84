using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Reporting;

/// <summary>The console text of the <c>generate</c> command: the files written and, for the classic register, the
/// Table 1 counts and true effects per group.</summary>
internal static class SimulationReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The files <see cref="SimulatedProgramme.WriteTo"/> wrote, then the truth per group (cross-cutting last).</summary>
    public static string ToConsole(SimulatedProgramme programme, SimulationFiles files)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(files);
        var truth = programme.Truth;
        var w = new StringBuilder();
        w.Append(Inv, $"wrote {files.FirmsPath}: {programme.FirmCount:N0} firms, {files.FirmRows:N0} rows, periods {programme.Periods[0]}..{programme.Periods[^1]}\n");
        w.Append(Inv, $"wrote {files.ParticipantsPath}: {files.ParticipantRows:N0} rows, {truth.CrossCutting.Reported:N0} participating firm ids ({truth.Groups.Sum(g => g.Reported):N0} reports over {truth.Groups.Count} groups)\n");
        w.Append(Inv, $"wrote {files.BudgetsPath}: {files.BudgetRows} groups, {programme.Budgets.Sum(b => b.BudgetMdkk):0.0} mio. DKK in all\n");
        w.Append(Inv, $"wrote {files.TruthPath}: history {truth.HistoryStart}, baseline {truth.Baseline}, measurement {truth.Measurement}, seed {truth.Seed}\n");
        w.Append('\n');
        w.Append(Inv, $"{"group",-22} {"reported",8} {"measured",8} {"unknown",7} {"public",6} {"ceased",6} {"inactive",8} {"true jobs",10} {"true turnover (mio.)",20}");
        w.Append(programme.HasExport ? string.Create(Inv, $" {"true export (mio.)",18}\n") : "\n");
        foreach (var g in truth.Groups.Append(truth.CrossCutting))
        {
            var x = g.Excluded;
            w.Append(Inv, $"{g.Group,-22} {g.Reported,8:N0} {g.Measured,8:N0} {x.Unknown,7:N0} {x.Public,6:N0} {x.Ceased,6:N0} {x.Inactive,8:N0} {g.TrueJobsCreated,10:N1} {g.TrueAddedTurnoverMdkk,20:N1}");
            w.Append(g.TrueAddedExportMdkk is { } export ? string.Create(Inv, $" {export,18:N1}\n") : "\n");
        }

        return w.ToString();
    }

    /// <summary>The files <see cref="ChainSimulator.Write"/> wrote.</summary>
    public static string ToConsole(ChainSimulationOptions options, ChainSimulationFiles files)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(files);
        var w = new StringBuilder();
        w.Append(Inv, $"wrote {files.FirmsPath}: {options.Firms:N0} firms, {files.FirmRows:N0} rows, periods {ChainSimulator.FirstPeriod}..{ChainSimulator.LastPeriod}\n");
        w.Append(Inv, $"wrote {files.ParticipantsPath}: {files.ParticipantRows:N0} rows (firm x project x activity), {files.ParticipantFirms:N0} participating firm ids\n");
        w.Append(Inv, $"wrote {files.BudgetsPath}\n");
        w.Append(Inv, $"wrote {files.TruthPath}: baseline {ChainSimulator.Baseline}, project {ChainSimulator.ProjectStart}..{ChainSimulator.ProjectEnd}, seed {options.Seed}\n");
        return w.ToString();
    }
}
