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
    /// the first text value (a stray value never turns a numeric column into categories). See <see cref="Factors"/>
    /// for category codes written as numbers.</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Covariates that hold categories even when their values are numbers, as R's <c>factor(x)</c>: codes
    /// such as DB07 industries (<c>011100</c>) or municipality numbers, which as one number would enter the model as a
    /// quantity. Each distinct value (as written, trimmed) is a level; the levels of a column of numbers are ordered
    /// by value (as <c>factor</c> of a numeric column in R: the first is the reference level), others by their text
    /// (ordinal). Every name must be one of <see cref="Covariates"/>.</summary>
    public IReadOnlyList<string> Factors { get; init; } = [];

    /// <summary>Exact-matching columns (any values, compared as text).</summary>
    public IReadOnlyList<string> Exact { get; init; } = [];

    /// <summary>Further numeric columns to keep (e.g. an outcome); missing values there become NaN.</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Rows with a missing treatment, covariate or exact value: error (default) or drop.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;
}
