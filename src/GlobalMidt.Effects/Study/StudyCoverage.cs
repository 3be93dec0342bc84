using System.Globalization;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Study;

/// <summary>
/// The coverage of the 95 % bootstrap intervals that the known-truth study (docs/accuracy.md: 40 registers of
/// 100,000 firms, realistic dynamics, cross-cutting row) measured for the robust configurations, and the notes a
/// measurement with such a configuration prints when an outcome's coverage was below 90 % (issue 12), the published
/// method (<see cref="MeasurementMethod.Dst2016"/>) included: its intervals held the truth in 82.5 % of the study's
/// registers for both outcomes, so a run of it says so.
/// </summary>
internal static class StudyCoverage
{
    private const double Threshold = 0.90;

    /// <summary>(national levels, pairwise) → coverage of jobs and added turnover, for <see cref="MeasurementMethod.Dst2016"/>
    /// with one baseline period, Mahalanobis distance, 5 controls with replacement and no bias adjustment.</summary>
    private static readonly (bool National, bool Pairwise, double Jobs, double Turnover)[] Dst2016 =
    [
        (false, false, 0.825, 0.825),
        (false, true, 0.925, 0.825),
    ];

    /// <summary>(national levels, pairwise) → coverage of jobs and added turnover, for <see cref="MeasurementMethod.Trajectory"/>
    /// with one baseline period, Mahalanobis distance, 5 controls with replacement and no bias adjustment.</summary>
    private static readonly (bool National, bool Pairwise, double Jobs, double Turnover)[] Trajectory =
    [
        (false, false, 0.800, 0.850),
        (false, true, 0.825, 0.900),
        (true, true, 0.975, 0.900),
    ];

    /// <summary>The notes for a run with <paramref name="options"/> (already resolved); empty when the study says
    /// nothing about the configuration or its coverage was at least 90 %.</summary>
    public static IEnumerable<string> Notes(MeasurementOptions options)
    {
        if (options.PropensitySubclassWidth is not null)
        {
            return PropensityNotes(options);
        }

        return NearestNeighbourNotes(options);
    }

    /// <summary>Propensity subclassification (docs/accuracy.md, "Propensity subclassification"): with the subclass
    /// bootstrap (the default) the intervals covered 90-97.5 % for both outcomes and both covariate sets on 40
    /// realistic and 40 classic registers, so no note; with the controls kept fixed (study only) 62.5-82.5 %.</summary>
    private static IEnumerable<string> PropensityNotes(MeasurementOptions options)
    {
        if (options.PropensityControlBootstrap || options.BootstrapReplicates == 0 || options.ConfidenceLevel != 0.95)
        {
            yield break;
        }

        yield return "Known-truth study (docs/accuracy.md, 40 simulated registers of 100,000 firms): with propensity subclasses and their controls kept fixed in the bootstrap, the 95% intervals held the true effect in only 62.5-82.5% of registers (cross-cutting row); read them as too narrow.";
    }

    private static IEnumerable<string> NearestNeighbourNotes(MeasurementOptions options)
    {
        if ((options.BaselinePeriods ?? 1) != 1 || options.BiasAdjust
            || options.Matching.Distance != DistanceMetric.Mahalanobis || options.Matching.Ratio != 5 || !options.Matching.Replace
            || options.ConfidenceLevel != 0.95 || options.BootstrapReplicates == 0
            || options.TrajectoryWeight != 0)
        {
            // A trajectory weight (the default of robust since 2026-11-30): the study ran the default, whose intervals
            // covered jobs 93.0 % and added turnover 93.8 % (600 registers without export) and 92.5-96.5 % with export
            // (docs/accuracy.md, "The pre-period trajectory in the distance"), so no note; other weighted
            // configurations were not run.
            yield break;
        }

        bool national = options.Levels.SequenceEqual(MatchingLevel.National);
        if (options.BootstrapScheme == BootstrapScheme.Controls)
        {
            // docs/accuracy.md, "Bootstrap of the controls" (100 registers, seeds 601-700): the recommended configuration
            // covered jobs 95.0 % and added turnover 94.0 % (no note); the published method (regional levels,
            // aggregate, published covariates) jobs 86.0 %, added turnover 90.0 %. Others were not run.
            if (options.Method == MeasurementMethod.Dst2016 && options.Estimator == EffectEstimator.Aggregate
                && options.Levels.SequenceEqual(MatchingLevel.Defaults) && options.Covariates.SequenceEqual(MeasurementOptions.DefaultCovariates))
            {
                yield return "Known-truth study (docs/accuracy.md, 100 simulated registers of 100,000 firms with transitory shocks): with these settings and the bootstrap of the controls the 95% interval of jobs created held the true effect in only 86.0% of registers (cross-cutting row); read it as too narrow.";
            }

            yield break;
        }

        if (options.Method != MeasurementMethod.Trajectory && options.Covariates.Contains(FirmCovariate.TurnoverMean))
        {
            // The default (MeasurementMethod.Robust), or the published method with its settings (published covariates
            // plus the turnover history mean, national levels, pairwise): 100 registers, jobs 91.0 %, added turnover 88.0 %.
            if (national && options.Estimator == EffectEstimator.Pairwise
                && options.Covariates.Order().SequenceEqual(MeasurementOptions.RobustCovariates))
            {
                yield return "Known-truth study (docs/accuracy.md, 100 simulated registers of 100,000 firms with transitory shocks): with these settings the 95% interval of added turnover held the true effect in only 88.0% of registers (cross-cutting row); read it as too narrow.";
            }

            yield break;
        }

        bool regional = options.Levels.SequenceEqual(MatchingLevel.Defaults);
        if (!national && !regional)
        {
            yield break;
        }

        bool pairwise = options.Estimator == EffectEstimator.Pairwise;
        foreach (var row in options.Method == MeasurementMethod.Trajectory ? Trajectory : Dst2016)
        {
            if (row.National != national || row.Pairwise != pairwise)
            {
                continue;
            }

            foreach (var (outcome, coverage) in new[] { ("jobs created", row.Jobs), ("added turnover", row.Turnover) })
            {
                if (coverage < Threshold)
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"Known-truth study (docs/accuracy.md, 40 simulated registers of 100,000 firms with transitory shocks): with these settings the 95% interval of {outcome} held the true effect in only {coverage:0.0%} of registers (cross-cutting row); read it as too narrow.");
                }
            }
        }
    }
}
