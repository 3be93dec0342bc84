using System.Globalization;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// Settings of <see cref="RegisterSimulator"/>. All settings have defaults that reproduce the seed's design
/// (yearly 2nd-half snapshots 2006H2..2014H2, baseline 2008H2, measurement 2014H2); <see cref="Validate"/> checks
/// them all in one place and names the offending setting.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>The largest register the simulator builds (ids are 8-digit numbers, memory grows with firms).</summary>
    public const int MaxFirms = 10_000_000;

    /// <summary>Number of firms in the register (firms that exist in at least one period). Default 40,000.</summary>
    public int Firms { get; init; } = 40_000;

    /// <summary>Seed of all randomness: same options give byte-identical output. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>First period of the register. Default <c>2006H2</c>.</summary>
    public Period FirstPeriod { get; init; } = Period.FromHalfYear(2006, 2);

    /// <summary>
    /// Last period of the register; periods are yearly snapshots from <see cref="FirstPeriod"/>, so both must be of
    /// the same kind (both annual, or both the same half). Default <c>2014H2</c>.
    /// </summary>
    public Period LastPeriod { get; init; } = Period.FromHalfYear(2014, 2);

    /// <summary>Start of the employment history used for selection (and matching). Default: <see cref="FirstPeriod"/>.</summary>
    public Period? HistoryStart { get; init; }

    /// <summary>
    /// Baseline: participants are recruited on what is observed here; effects start after it. Default: two years
    /// after <see cref="FirstPeriod"/> (2008H2), or the period before <see cref="Measurement"/> when the range is short.
    /// </summary>
    public Period? Baseline { get; init; }

    /// <summary>Measurement period: effects are fully phased in here. Default: <see cref="LastPeriod"/>.</summary>
    public Period? Measurement { get; init; }

    /// <summary>
    /// Participant reports (unique firm ids per group, summed over groups, unknown ids included) as a share of
    /// <see cref="Firms"/>. Default 0.065 (40,000 firms give 2,600 reports, the published scale).
    /// </summary>
    public double ParticipantsShare { get; init; } = 0.065;

    /// <summary>Number of participant reports; when set it overrides <see cref="ParticipantsShare"/>.</summary>
    public int? ParticipantCount { get; init; }

    /// <summary>The groups, their budgets and true effects. Default <see cref="SimulatedGroup.Defaults"/>.</summary>
    public IReadOnlyList<SimulatedGroup> Groups { get; init; } = SimulatedGroup.Defaults;

    /// <summary>Share of a regional group's reports recruited from other regions. Default 0.08.</summary>
    public double OutOfRegionShare { get; init; } = 0.08;

    /// <summary>Share of a group's reports that are firms already reported by an earlier group. Default 0.06.</summary>
    public double DuplicateShare { get; init; } = 0.06;

    /// <summary>Share of a group's reports that are firms born after baseline (so ceased for the window). Default 0.03.</summary>
    public double LateEntrantShare { get; init; } = 0.03;

    /// <summary>Share of a group's firms reported in a second project of the same group. Default 0.08.</summary>
    public double SecondProjectShare { get; init; } = 0.08;

    /// <summary>
    /// Shocks of the firm paths and the pre-period terms of selection. Default <see cref="RegisterDynamics.Classic"/>
    /// (the model that wrote data-samples/); <see cref="RegisterDynamics.Realistic"/> adds transitory shocks and
    /// selection after a good period (docs/accuracy.md).
    /// </summary>
    public RegisterDynamics Dynamics { get; init; } = RegisterDynamics.Classic;

    /// <summary>
    /// The export column and its model (docs/accuracy.md), or null (the default) for a register without export, as
    /// the shipped sample. With it the register gets an <c>export</c> column, participants of groups with a
    /// <see cref="SimulatedGroup.ExportEffect"/> raise their export, and the truth holds the true added export.
    /// </summary>
    public RegisterExport? Export { get; init; }

    /// <summary>
    /// Checks every setting and returns the resolved period grid; throws <see cref="OptionsException"/> naming the
    /// setting when one is out of range or the settings conflict.
    /// </summary>
    public ResolvedSimulationPeriods Validate()
    {
        if (Firms < 1 || Firms > MaxFirms)
        {
            throw new OptionsException(Invariant($"Firms must be between 1 and {MaxFirms} (got {Firms})."), nameof(Firms));
        }

        if (FirstPeriod == default || LastPeriod == default)
        {
            throw new OptionsException("FirstPeriod and LastPeriod must be set.", nameof(FirstPeriod));
        }

        if (FirstPeriod.Half != LastPeriod.Half)
        {
            throw new OptionsException(
                Invariant($"FirstPeriod ({FirstPeriod}) and LastPeriod ({LastPeriod}) must be of the same kind: the register holds yearly snapshots, e.g. 2006H2..2014H2 or 2006..2014."),
                nameof(LastPeriod));
        }

        int count = LastPeriod.Year - FirstPeriod.Year + 1;
        if (count < 2 || count > 60)
        {
            throw new OptionsException(
                Invariant($"LastPeriod ({LastPeriod}) must be 1 to 59 years after FirstPeriod ({FirstPeriod})."),
                nameof(LastPeriod));
        }

        var periods = new Period[count];
        for (int i = 0; i < count; i++)
        {
            periods[i] = FirstPeriod.IsHalfYear
                ? Period.FromHalfYear(FirstPeriod.Year + i, FirstPeriod.Half)
                : Period.FromYear(FirstPeriod.Year + i);
        }

        int measurement = IndexOf(periods, Measurement ?? LastPeriod, nameof(Measurement));
        int history = IndexOf(periods, HistoryStart ?? FirstPeriod, nameof(HistoryStart));
        int baseline = Baseline is { } b
            ? IndexOf(periods, b, nameof(Baseline))
            : Math.Max(history, Math.Min(2, measurement - 1));
        if (measurement < 1 || baseline >= measurement)
        {
            throw new OptionsException(
                Invariant($"Baseline ({periods[Math.Max(baseline, 0)]}) must come before Measurement ({periods[measurement]})."),
                nameof(Baseline));
        }

        if (history > baseline)
        {
            throw new OptionsException(
                Invariant($"HistoryStart ({periods[history]}) must not come after Baseline ({periods[baseline]})."),
                nameof(HistoryStart));
        }

        CheckShare(ParticipantsShare, nameof(ParticipantsShare), 0, 1);
        if (ParticipantCount is { } pc && (pc < 0 || pc > Firms))
        {
            throw new OptionsException(Invariant($"ParticipantCount must be between 0 and Firms ({Firms}) (got {pc})."), nameof(ParticipantCount));
        }

        CheckShare(OutOfRegionShare, nameof(OutOfRegionShare), 0, 1);
        CheckShare(DuplicateShare, nameof(DuplicateShare), 0, 1);
        CheckShare(LateEntrantShare, nameof(LateEntrantShare), 0, 1);
        CheckShare(SecondProjectShare, nameof(SecondProjectShare), 0, 1);
        if (Dynamics is null)
        {
            throw new ArgumentException("Dynamics must be set (RegisterDynamics.Classic by default).", nameof(Dynamics));
        }

        Dynamics.Validate();
        Export?.Validate();
        ValidateGroups();
        return new ResolvedSimulationPeriods(periods, history, baseline, measurement);
    }

    private void ValidateGroups()
    {
        if (Groups is null || Groups.Count == 0)
        {
            throw new OptionsException("Groups must hold at least one group.", nameof(Groups));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in Groups)
        {
            if (g is null || string.IsNullOrWhiteSpace(g.Name))
            {
                throw new OptionsException("Groups: every group needs a name.", nameof(Groups));
            }

            if (!names.Add(g.Name))
            {
                throw new OptionsException(Invariant($"Groups: the name '{g.Name}' is used twice."), nameof(Groups));
            }

            if (string.IsNullOrWhiteSpace(g.ProjectPrefix) || !prefixes.Add(g.ProjectPrefix))
            {
                throw new OptionsException(Invariant($"Groups: group '{g.Name}' needs a project prefix of its own."), nameof(Groups));
            }

            if (g.Region is not null && Array.IndexOf(DanishGeography.Regions, g.Region) < 0)
            {
                throw new OptionsException(
                    Invariant($"Groups: group '{g.Name}' has region '{g.Region}'; expected null (national) or one of {string.Join(", ", DanishGeography.Regions)}."),
                    nameof(Groups));
            }

            if (!(g.ReportWeight > 0) || !double.IsFinite(g.ReportWeight))
            {
                throw new OptionsException(Invariant($"Groups: group '{g.Name}' needs a positive ReportWeight (got {g.ReportWeight})."), nameof(Groups));
            }

            if (!(g.BudgetMdkk >= 0) || !double.IsFinite(g.BudgetMdkk))
            {
                throw new OptionsException(Invariant($"Groups: group '{g.Name}' needs a non-negative BudgetMdkk (got {g.BudgetMdkk})."), nameof(Groups));
            }

            if (!(g.FteEffect > -1 && g.FteEffect <= 10) || !(g.TurnoverEffect > -1 && g.TurnoverEffect <= 10))
            {
                throw new OptionsException(
                    Invariant($"Groups: group '{g.Name}' has effects {g.FteEffect} / {g.TurnoverEffect}; each must be above -1 and at most 10."),
                    nameof(Groups));
            }

            if (!(g.ExportEffect > -1 && g.ExportEffect <= 10))
            {
                throw new OptionsException(
                    Invariant($"Groups: group '{g.Name}' has export effect {g.ExportEffect}; it must be above -1 and at most 10."),
                    nameof(Groups));
            }

            CheckShare(g.UnknownShare, nameof(SimulatedGroup.UnknownShare) + " of " + g.Name, 0, 1);
        }
    }

    private static int IndexOf(Period[] periods, Period p, string name)
    {
        int i = Array.IndexOf(periods, p);
        if (i < 0)
        {
            throw new OptionsException(
                Invariant($"{name} ({p}) is not one of the register periods {periods[0]}..{periods[^1]} (yearly snapshots)."),
                name);
        }

        return i;
    }

    private static void CheckShare(double value, string name, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new OptionsException(Invariant($"{name} must be between {min} and {max} (got {value})."), name);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
