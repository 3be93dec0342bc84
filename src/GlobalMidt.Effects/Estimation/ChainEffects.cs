namespace GlobalMidt.Effects.Estimation;

/// <summary>How <see cref="ChainEffects.Effect"/> formed the participants' counterfactual.</summary>
public enum ChainEffectRule
{
    /// <summary>The published ratio rule: the participants' baseline sum grows by the controls' growth rate,
    /// effect = sum(Y1) - sum(Y0) (1 + G_C), G_C = sum(w Y1) / sum(w Y0) - 1. Used when the controls' weighted
    /// baseline sum is positive and the participants' baseline sum is not negative.</summary>
    Ratio,

    /// <summary>The difference rule: the participants' sum changes by as much as the controls' weighted sum,
    /// effect = (sum(Y1) - sum(Y0)) - (sum(w Y1) - sum(w Y0)) (the weights of each participant's controls sum to 1, so
    /// both sums run over N units). Used when a growth rate is undefined or meaningless: the controls' baseline sum is
    /// 0 or negative (no control exports; loss-making controls), or the participants' baseline sum is negative (a
    /// ratio would "grow" a loss).</summary>
    Difference,

    /// <summary>No matched participants: no effect.</summary>
    None,
}

/// <summary>An effect in the outcome's own unit and the rule that produced it.</summary>
/// <param name="Value">The effect (jobs, or 1,000 DKK of turnover, export or value added); NaN for
/// <see cref="ChainEffectRule.None"/>.</param>
/// <param name="Rule">The rule used.</param>
public readonly record struct ChainEffect(double Value, ChainEffectRule Rule)
{
    /// <summary>The effect in millions of DKK for an outcome in 1,000 DKK (<see cref="Value"/> / 1,000).</summary>
    public double Mdkk => Value / 1000.0;
}

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
public static class ChainEffects
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
