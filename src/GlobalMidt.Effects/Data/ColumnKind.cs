namespace GlobalMidt.Effects.Data;

/// <summary>What <see cref="ColumnTyping.Classify"/> makes of a column.</summary>
internal enum ColumnKind
{
    /// <summary>Every non-missing value is a number.</summary>
    Numeric,

    /// <summary>Every non-missing value is text: categories.</summary>
    Categorical,

    /// <summary>Numbers and text: a located error at the first text value.</summary>
    Mixed,
}
