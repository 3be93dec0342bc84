namespace GlobalMidt.Effects.Matching;

/// <summary>A categorical covariate: per row a level code, and the level names.</summary>
public sealed record CategoricalCovariate
{
    /// <summary>Creates the covariate; <paramref name="codes"/> is used as given (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="codes">Per row, an index into <paramref name="levels"/>.</param>
    /// <param name="levels">Level names; the first level present in the data is the reference level of the
    /// propensity model (R's treatment contrasts), so give them in the order R's <c>factor()</c> would (sorted).</param>
    public CategoricalCovariate(string name, int[] codes, IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        Name = name;
        Codes = codes;
        Levels = levels;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Per row, an index into <see cref="Levels"/> (read-only).</summary>
    public IReadOnlyList<int> LevelCodes => Array.AsReadOnly(Codes);

    /// <summary>Level names.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>The codes as given, for the matching engine.</summary>
    internal int[] Codes { get; }
}
