namespace GlobalMidt.Effects;

/// <summary>The order in which treated units pick their controls (MatchIt <c>m.order</c>).</summary>
public enum MatchOrder
{
    /// <summary><see cref="Largest"/> for <see cref="DistanceMetric.Glm"/>, <see cref="Data"/> otherwise (MatchIt's default).</summary>
    Default,

    /// <summary>Largest propensity score first.</summary>
    Largest,

    /// <summary>Smallest propensity score first.</summary>
    Smallest,

    /// <summary>Row order of the data (ascending <see cref="Matching.MatchingData.TieRanks"/> when given).</summary>
    Data,

    /// <summary>
    /// A random order drawn from <see cref="MatchingOptions.Seed"/> (SplitMix64 shuffle of the treated units in
    /// tie-rank order): deterministic, but not R's <c>sample()</c> sequence.
    /// </summary>
    Random,
}
