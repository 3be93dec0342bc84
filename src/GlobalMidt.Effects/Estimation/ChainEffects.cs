namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The effect formulas of the 2017-2019 programme's effect chain (issue 8) for export and value added, on the sums of
/// <see cref="MatchedOutcomes"/> (docs/effect-chain.md).
/// </summary>
/// <remarks>
/// <para>Export (1,000 DKK, never negative) is measured exactly as turnover: a firm grows when its export at
/// measurement is strictly above its baseline (<see cref="GrowthStatistics.ParticipantShare"/> and
/// <see cref="GrowthStatistics.ControlShare"/>, tested with the project's share test), and the added export is the
/// turnover formula's effect in mio. DKK. The only difference: when none of the controls exports at baseline the
/// ratio G_C is undefined and <see cref="ChainEffectRule.Difference"/> applies instead of giving no effect.</para>
/// <para>Value added (1,000 DKK) may be negative. Growth is "value added at measurement &gt; value added at
/// baseline", well defined for negatives (a smaller loss is growth; -100 to -50 grows, 50 to -10 does not); the shares
/// and the test are unchanged. The effect uses the ratio rule only where it means something (controls' baseline sum
/// &gt; 0, participants' baseline sum &gt;= 0), otherwise the difference rule (<see cref="ChainEffectRule"/>). For
/// non-negative outcomes with a positive control baseline the result equals <see cref="GrowthStatistics.Effect"/>
/// exactly.</para>
/// </remarks>
internal static class ChainEffects
{
    /// <summary>The effect of one outcome by the rule of <see cref="ChainEffectRule"/>.</summary>
    /// <param name="statistics">The sums of the matched sample (<see cref="MatchedOutcomes.Statistics()"/>).</param>
    public static ChainEffect Effect(GrowthStatistics statistics)
    {
        if (statistics.N == 0)
        {
            return new ChainEffect(double.NaN, ChainEffectRule.None);
        }

        if (statistics.ControlsBaseline > 0 && statistics.ParticipantsBaseline >= 0)
        {
            return new ChainEffect(statistics.Effect, ChainEffectRule.Ratio);
        }

        double participants = statistics.ParticipantsMeasurement - statistics.ParticipantsBaseline;
        double controls = statistics.ControlsMeasurement - statistics.ControlsBaseline;
        return new ChainEffect(participants - controls, ChainEffectRule.Difference);
    }

    /// <summary>The added export (or added value added) in mio. DKK for an outcome in 1,000 DKK; NaN without matched
    /// participants.</summary>
    /// <param name="statistics">The sums of the matched sample.</param>
    public static double AddedMdkk(GrowthStatistics statistics) => Effect(statistics).Mdkk;

    /// <summary>The figure reported under the project's rule: the estimate where the share test's p-value is below
    /// <paramref name="alpha"/>, else 0 (as jobs and added turnover in Table 2); null when the estimate is not a
    /// number.</summary>
    /// <param name="estimate">The estimate (any unit).</param>
    /// <param name="pValue">The p-value of the outcome's share test.</param>
    /// <param name="alpha">Significance level, e.g. 0.05.</param>
    public static double? Reported(double estimate, double pValue, double alpha) =>
        double.IsNaN(estimate) ? null : pValue < alpha ? estimate : 0.0;
}
