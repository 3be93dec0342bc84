namespace GlobalMidt.Effects.Measurement;

/// <summary>The location on which a <see cref="MatchingLevel"/> matches exactly.</summary>
public enum LocationLevel
{
    /// <summary>No location: the whole country.</summary>
    National,

    /// <summary>Same region.</summary>
    Region,

    /// <summary>Same municipality.</summary>
    Municipality,
}
