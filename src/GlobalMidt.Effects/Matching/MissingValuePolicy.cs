namespace GlobalMidt.Effects.Matching;

/// <summary>What to do with rows that lack a value the matching needs.</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with an error that names each column, how many rows lack a value and the first line.</summary>
    Error,

    /// <summary>Drop those rows and report how many were dropped per column.</summary>
    Drop,
}
