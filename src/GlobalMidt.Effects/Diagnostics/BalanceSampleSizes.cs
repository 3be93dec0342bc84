namespace GlobalMidt.Effects.Diagnostics;

/// <summary>Sample sizes per group before and after matching (cobalt's <c>Sample sizes</c> block).</summary>
/// <param name="TreatedAll">Treated units.</param>
/// <param name="ControlAll">Control units.</param>
/// <param name="TreatedMatched">Treated units with a positive matching weight.</param>
/// <param name="ControlMatched">Control units with a positive matching weight.</param>
/// <param name="TreatedEss">Kish effective sample size (sum w)^2 / sum w^2 of the matched treated.</param>
/// <param name="ControlEss">Kish effective sample size of the matched controls (cobalt's <c>Matched (ESS)</c>).</param>
public sealed record BalanceSampleSizes(int TreatedAll, int ControlAll, int TreatedMatched, int ControlMatched, double TreatedEss, double ControlEss)
{
    /// <summary>Treated units without a match (weight 0).</summary>
    public int TreatedUnmatched => TreatedAll - TreatedMatched;

    /// <summary>Control units not used (weight 0).</summary>
    public int ControlUnmatched => ControlAll - ControlMatched;
}
