namespace GlobalMidt.Effects.Estimation;

/// <summary>An effect in the outcome's own unit and the rule that produced it.</summary>
/// <param name="Value">The effect (jobs, or 1,000 DKK of turnover, export or value added); NaN for
/// <see cref="ChainEffectRule.None"/>.</param>
/// <param name="Rule">The rule used.</param>
internal readonly record struct ChainEffect(double Value, ChainEffectRule Rule)
{
    /// <summary>The effect in millions of DKK for an outcome in 1,000 DKK (<see cref="Value"/> / 1,000).</summary>
    public double Mdkk => Value / 1000.0;
}
