using System.Globalization;
using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// Checks that every derived figure of a group is a finite number before it can be printed: a sum that overflows
/// (FTEs or turnover near the largest double), an infinite ratio or a NaN from them is an
/// <see cref="AnalysisException"/> naming the group and the figure, never a printed <c>-Infinity</c> or <c>NaN</c>.
/// </summary>
/// <remarks>Figures that are undefined by the method itself stay null (printed <c>-</c>): the effect when the
/// controls' baseline sum is 0 (no growth rate), C and F when no jobs were created, E when no firm was measured.</remarks>
internal static class FiniteFigures
{
    /// <summary>The employment outcome's name in messages.</summary>
    public const string Jobs = "jobs created";

    /// <summary>The turnover outcome's name in messages.</summary>
    public const string AddedTurnover = "added turnover";

    /// <summary>The sums of one outcome over the matched sample.</summary>
    public static void Sums(string group, string outcome, GrowthStatistics s)
    {
        string what = outcome == Jobs ? "FTEs" : "turnover";
        Require(group, outcome, $"the participants' {what} at baseline (sum)", s.ParticipantsBaseline);
        Require(group, outcome, $"the participants' {what} at measurement (sum)", s.ParticipantsMeasurement);
        Require(group, outcome, $"the matched controls' {what} at baseline (weighted sum)", s.ControlsBaseline);
        Require(group, outcome, $"the matched controls' {what} at measurement (weighted sum)", s.ControlsMeasurement);
        if (s.ControlsBaseline > 0)
        {
            Require(group, outcome, "the matched controls' growth rate", s.ControlGrowthRate);
        }
    }

    /// <summary>Table 2's figures of one outcome: shares, p-value, test intervals, effect, estimate and its interval.</summary>
    /// <param name="group">The group.</param>
    /// <param name="outcome"><see cref="Jobs"/> or <see cref="AddedTurnover"/>.</param>
    /// <param name="e">The outcome.</param>
    /// <param name="bootstrap">The bootstrap interval as computed (NaN bounds: a replicate without a growth rate,
    /// reported as no interval); infinite bounds are errors.</param>
    public static void Outcome(string group, string outcome, OutcomeEffect e, (double Low, double High)? bootstrap)
    {
        if (e.Test is { } t)
        {
            Require(group, outcome, "the participants' share with growth", t.ParticipantShare);
            Require(group, outcome, "the controls' share with growth", t.ControlShare);
            Require(group, outcome, "the z statistic", t.Statistic);
            Require(group, outcome, "the p-value", t.PValue);
            Require(group, outcome, "the share difference's interval (low)", t.DifferenceInterval.Low);
            Require(group, outcome, "the share difference's interval (high)", t.DifferenceInterval.High);
        }

        Require(group, outcome, "the estimate", e.Estimate);
        Require(group, outcome, "the published effect", e.Effect);
        if (e.Estimate is null && !double.IsNaN(e.ControlGrowthRate))
        {
            // The estimate is undefined only without a growth rate of the controls; else it overflowed.
            Require(group, outcome, "the estimate", double.NaN);
        }

        if (bootstrap is { } b && (double.IsInfinity(b.Low) || double.IsInfinity(b.High)))
        {
            Require(group, outcome, "the bootstrap interval", double.IsInfinity(b.Low) ? b.Low : b.High);
        }

        if (e.Interval is { } i)
        {
            Require(group, outcome, "the bootstrap interval (low)", i.Low);
            Require(group, outcome, "the bootstrap interval (high)", i.High);
        }
    }

    /// <summary>Table 3: A-F (null where undefined), returned as given.</summary>
    public static Table3Row Table3(Table3Row r)
    {
        Require(r.Group, "Table 3", "A (jobs)", r.Jobs);
        Require(r.Group, "Table 3", "B (budget)", r.BudgetMdkk);
        Require(r.Group, "Table 3", "C (cost per job)", r.CostPerJobTdkk);
        Require(r.Group, "Table 3", "E (spend per firm)", r.SpendPerFirmTdkk);
        Require(r.Group, "Table 3", "F (jobs per firm)", r.JobsPerFirm);
        return r;
    }

    private static void Require(string group, string outcome, string figure, double? value)
    {
        if (value is double v && !double.IsFinite(v))
        {
            throw new AnalysisException(string.Create(
                CultureInfo.InvariantCulture,
                $"Group '{group}', {outcome}: {figure} is not a finite number ({v}): the FTEs, turnover or budgets are too large (the largest double is {double.MaxValue:G3}), or a baseline too close to 0, to compute it; check them."));
        }
    }
}
