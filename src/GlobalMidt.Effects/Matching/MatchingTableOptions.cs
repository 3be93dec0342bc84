namespace GlobalMidt.Effects.Matching;

/// <summary>Which columns of a table to match on (see <see cref="MatchingTable.Read"/>).</summary>
public sealed record MatchingTableOptions
{
    /// <summary>Treatment column: 0/1 or true/false.</summary>
    public required string Treat { get; init; }

    /// <summary>Id column: unique, non-empty text that names each row in the output.</summary>
    public required string Id { get; init; }

    /// <summary>Covariates: a column whose values are all numbers is numeric; a column whose values are all text
    /// holds categories (dummy variables, as R's <c>factor</c>); a column mixing numbers and text is an error naming
    /// the first text value (a stray value never turns a numeric column into categories).</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Exact-matching columns (any values, compared as text).</summary>
    public IReadOnlyList<string> Exact { get; init; } = [];

    /// <summary>Further numeric columns to keep (e.g. an outcome); missing values there become NaN.</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Rows with a missing treatment, covariate or exact value: error (default) or drop.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;
}
