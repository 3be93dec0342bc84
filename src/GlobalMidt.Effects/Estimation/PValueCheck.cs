namespace GlobalMidt.Effects.Estimation;

/// <summary>A published p-value against the p-value ranges of the known-share and the 1:1 two-sample tests.</summary>
/// <param name="Outcome"><c>employment</c> or <c>turnover</c>.</param>
/// <param name="Published">The printed p-value.</param>
/// <param name="KnownSharePoint">
/// The known-share p-value at x = round(printed share · n) and the printed control share.
/// </param>
/// <param name="KnownShare">The known-share p-value range.</param>
/// <param name="TwoSampleOneToOne">The pooled two-sample p-value range with a control group as large as n.</param>
public sealed record PValueCheck(
    string Outcome,
    PrintedNumber Published,
    double KnownSharePoint,
    PValueRange KnownShare,
    PValueRange TwoSampleOneToOne)
{
    /// <summary>True when the known-share range is consistent with the published p-value.</summary>
    public bool KnownShareAgrees => KnownShare.IsConsistentWith(Published);

    /// <summary>True when the 1:1 two-sample range is consistent with the published p-value.</summary>
    public bool TwoSampleAgrees => TwoSampleOneToOne.IsConsistentWith(Published);
}
