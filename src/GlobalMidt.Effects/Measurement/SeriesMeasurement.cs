using System.Globalization;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// <c>measure --series</c>: a full measurement (eligibility, control pool, matching, tests, effects, intervals) of
/// every period after the project end, each with the same history and baseline. What is computed once: the register's
/// first failing period per firm from the baseline on (eligibility of every window is then a comparison, exactly
/// <see cref="EligibilityRules.Classify"/>). What is redone per period: the control pool of that window and the
/// matching on it (docs/effect-chain.md, "Series").
/// </summary>
internal static class SeriesMeasurement
{
    public static MeasurementResult Run(Register register, IReadOnlyList<Participant> participants, IReadOnlyList<GroupBudget> budgets, MeasurementOptions options, Action<string>? progress)
    {
        var last = MeasurementWindow.Resolve(register, options.History, options.Baseline, options.Measurement);
        var projectEnd = options.ProjectEnd ?? LatestEnd(participants);
        int end = register.FindPeriod(projectEnd);
        if (end < 0)
        {
            throw new AnalysisException($"The project end {projectEnd}{(options.ProjectEnd is null ? " (the latest end in the participants)" : " (--project-end)")} is not in the register; its periods are {string.Join(", ", register.Periods)}.");
        }

        if (end >= last.MeasurementIndex)
        {
            throw new AnalysisException($"No period to measure after the project end {projectEnd}: the last measurement period is {last.Measurement}.");
        }

        if (end + 1 <= last.BaselineIndex)
        {
            throw new AnalysisException($"The baseline {last.Baseline} is not before the first period after the project end ({register.Periods[end + 1]}): give a baseline before the project (--baseline).");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var eligibility = new FirstFailures(register, last.BaselineIndex);
        double firstFailureSeconds = clock.Elapsed.TotalSeconds;
        var periods = new List<Period>();
        var rows = new List<SeriesRow>();
        MeasurementResult? latest = null;
        double eligibilitySeconds = 0, matchSeconds = 0, effectsSeconds = 0;
        var windowOptions = options with { Series = false, ProjectEnd = null };
        var share = new WindowShare();
        for (int m = end + 1; m <= last.MeasurementIndex; m++)
        {
            var period = register.Periods[m];
            int index = m;
            var hooks = new WindowHooks(_ => eligibility.Reasons(index), Balance: m == last.MeasurementIndex, share);
            var result = EffectMeasurement.RunWindow(register, participants, budgets, windowOptions with { Measurement = period }, null, hooks);
            double years = SeriesBands.YearsAfter(projectEnd, period);
            string band = SeriesBands.Of(years);
            periods.Add(period);
            foreach (var g in result.Groups)
            {
                rows.Add(new SeriesRow(period, years, band, g));
            }

            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"series: {period} ({years:0.0} years after {projectEnd}) measured"));
            latest = result;
            eligibilitySeconds += result.Timings?.Eligibility ?? 0;
            matchSeconds += result.Timings?.Matching ?? 0;
            effectsSeconds += result.Timings?.Effects ?? 0;
        }

        return latest! with
        {
            Options = options,
            Series = new SeriesResult(projectEnd, periods, rows),
            Timings = new MeasurementTimings(eligibilitySeconds + firstFailureSeconds, matchSeconds, effectsSeconds),
        };
    }

    private static Period LatestEnd(IReadOnlyList<Participant> participants)
    {
        Period? latest = null;
        foreach (var p in participants)
        {
            if (p.End is Period e && (latest is null || e > latest.Value))
            {
                latest = e;
            }
        }

        return latest ?? throw new AnalysisException("The series needs the project end: the participants have no 'end' column (or no end at all); give it with --project-end PERIOD (MeasurementOptions.ProjectEnd).");
    }

    /// <summary>Per firm, the first period index from the baseline on with no FTE (ceased) and the first with FTE and
    /// turnover both 0 (inactive): the exclusion reason of every window baseline..m in O(1).</summary>
    private sealed class FirstFailures
    {
        private readonly bool[] _public;
        private readonly int[] _ceased;
        private readonly int[] _inactive;

        public FirstFailures(Register register, int baseline)
        {
            int n = register.FirmCount;
            int periods = register.PeriodCount;
            var fte = register.FteValues;
            var turnover = register.TurnoverValues;
            _public = new bool[n];
            _ceased = new int[n];
            _inactive = new int[n];
            for (int f = 0; f < n; f++)
            {
                _public[f] = register.IsPublic(f);
                int row = f * periods;
                int ceased = int.MaxValue;
                int inactive = int.MaxValue;
                for (int p = baseline; p < periods; p++)
                {
                    double v = fte[row + p];
                    if (double.IsNaN(v))
                    {
                        ceased = p;
                        break;
                    }

                    if (inactive == int.MaxValue && v == 0 && turnover[row + p] == 0)
                    {
                        inactive = p;
                    }
                }

                _ceased[f] = ceased;
                _inactive[f] = inactive;
            }
        }

        /// <summary>Exactly <see cref="EligibilityRules.ClassifyAll"/> of the window baseline..<paramref name="measurement"/>:
        /// public first, then ceased (a missing FTE anywhere in the window), then inactive.</summary>
        public ExclusionReason[] Reasons(int measurement)
        {
            var reasons = new ExclusionReason[_public.Length];
            for (int f = 0; f < reasons.Length; f++)
            {
                reasons[f] = _public[f] ? ExclusionReason.Public
                    : _ceased[f] <= measurement ? ExclusionReason.Ceased
                    : _inactive[f] <= measurement ? ExclusionReason.Inactive
                    : ExclusionReason.None;
            }

            return reasons;
        }
    }
}

/// <summary>What the series hands to one window's measurement: the window's exclusion reasons (computed from the
/// series' first failures) and whether to compute the balance tables.</summary>
/// <param name="Reasons">The exclusion reason of every register firm for the window.</param>
/// <param name="Balance">False to skip the balance tables (not reported per period).</param>
/// <param name="Share">What the windows of the series share (set by the first window); null for none.</param>
internal sealed record WindowHooks(Func<MeasurementWindow, ExclusionReason[]> Reasons, bool Balance, WindowShare? Share = null);

/// <summary>
/// What does not depend on the measurement period, built by the series' first window and reused by the others (same
/// register, history and baseline): the groups' members (their exclusion reasons are the window's), the baseline
/// covariates and history flags, the chain outcomes' baseline columns and the exact-matching cells of every firm.
/// </summary>
internal sealed class WindowShare
{
    public IReadOnlyList<GroupParticipants>? Groups { get; set; }

    public FirmCovariates? Covariates { get; set; }

    public ChainColumns? Chain { get; set; }

    public MatchingCells? Cells { get; set; }
}
