namespace GlobalMidt.Effects.Diagnostics;

/// <summary>What <see cref="BalanceInput.Read"/> reads: the columns of the data, and where the weights come from.</summary>
internal sealed record BalanceInputOptions
{
    /// <summary>Treatment column: 1/0 or true/false.</summary>
    public required string Treat { get; init; }

    /// <summary>Covariate columns (numeric, or text split into dummies).</summary>
    public required IReadOnlyList<string> Covariates { get; init; }

    /// <summary>Covariates split into dummies even when their values are numbers (category codes), levels ordered by
    /// value (<see cref="Matching.MatchingTableOptions.Factors"/>); each one of <see cref="Covariates"/>.</summary>
    public IReadOnlyList<string> Factors { get; init; } = [];

    /// <summary>Weight column (e.g. MatchIt's <c>m$weights</c>), or null when the weights come from pairs.</summary>
    public string? Weights { get; init; }

    /// <summary>With pairs: the id column of the data that the pairs refer to.</summary>
    public string? Id { get; init; }
}
