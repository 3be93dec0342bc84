namespace GlobalMidt.Effects.Matching;

/// <summary>A categorical covariate: per row a level code, and the level names.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Codes">Per row, an index into <paramref name="Levels"/>.</param>
/// <param name="Levels">Level names; the first level present in the data is the reference level of the propensity
/// model (R's treatment contrasts), so give them in the order R's <c>factor()</c> would (sorted).</param>
public sealed record CategoricalCovariate(string Name, int[] Codes, IReadOnlyList<string> Levels);
