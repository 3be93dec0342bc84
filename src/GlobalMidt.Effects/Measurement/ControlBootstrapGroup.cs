using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// A group's intervals by <see cref="BootstrapScheme.Controls"/>: jobs and added turnover (bias-adjusted where the
/// measurement adjusts) and the effect chain's outcomes (export, new exporters, value added, by the chain's rules),
/// all resampled by the same participant counts and distinct-control weights (<see cref="ControlBootstrap"/>).
/// </summary>
internal static class ControlBootstrapGroup
{
    /// <summary>The intervals of employment and turnover, and of the chain's outcomes (in the order of
    /// <see cref="ChainMeasurement.Prepared.Bootstrapped"/>) when <paramref name="chain"/> is not null.</summary>
    public static ((double Low, double High)[] Intervals, (double Low, double High)[]? ChainIntervals) Intervals(
        MatchedSample matches,
        FirmCovariates cov,
        double[]? fteAdjust,
        double[]? turnoverAdjust,
        ChainColumns? chainColumns,
        ChainMeasurement.Prepared? chain,
        MeasurementOptions options,
        ulong seed)
    {
        var outcomes = new List<ControlOutcome>
        {
            ControlOutcome.From(matches, cov.EffectFteBaseline, cov.FteMeasurement, fteAdjust),
            ControlOutcome.From(matches, cov.EffectTurnoverBaseline, cov.TurnoverMeasurement, turnoverAdjust),
        };
        var effects = new List<Func<GrowthStatistics, double>?> { null, null };
        if (chain is not null && chainColumns is not null)
        {
            Func<GrowthStatistics, double> sums = ChainMeasurement.SumsEffect;
            if (chainColumns.ExportBaseline is { } x0)
            {
                var x1 = chainColumns.ExportMeasurement!;
                outcomes.Add(ControlOutcome.From(matches, x0, x1, null));
                var (values, participants, offsets, controls, origin) = ChainMeasurement.NewExporterUnits(x0, x1, matches);
                var distinct = new int[origin.Length];
                for (int j = 0; j < origin.Length; j++)
                {
                    // The zero unit (a participant that does not count, or one without a control of its own) has
                    // values 0 whatever its weight: any control's index serves.
                    distinct[j] = origin[j] < 0 ? 0 : matches.Distinct.OfEntry[origin[j]];
                }

                outcomes.Add(ControlOutcome.FromUnits(new double[values.Length], values, participants, offsets, controls, null, distinct));
                effects.Add(sums);
                effects.Add(sums);
            }

            if (chainColumns.ValueAddedBaseline is { } v0)
            {
                outcomes.Add(ControlOutcome.From(matches, v0, chainColumns.ValueAddedMeasurement!, null));
                effects.Add(sums);
            }
        }

        var scales = options.ControlWeightsExponential
            ? null
            : ControlBootstrap.VarianceCorrectedScales(matches.Offsets, matches.PairShares, matches.Distinct.OfEntry, matches.ControlCount);
        var all = ControlBootstrap.PercentileIntervals(outcomes, matches.ControlCount, options.BootstrapReplicates, options.ConfidenceLevel, seed, options.Estimator, options.MaxDegreeOfParallelism, effects, scales);
        return (all[..2], chain is null ? null : all[2..]);
    }
}
