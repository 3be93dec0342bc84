namespace GlobalMidt.Effects.Matching;

/// <summary>Why a treated unit got no control.</summary>
public enum UnmatchedReason
{
    /// <summary>Its exact stratum holds no control (none at all, or none left after discarding).</summary>
    NoControlInStratum,

    /// <summary>Every control still available lies outside the caliper.</summary>
    Caliper,

    /// <summary>Discarded as outside the common support.</summary>
    Discarded,

    /// <summary>Matching without replacement: every control of the stratum was taken by treated units matched earlier.</summary>
    ControlsExhausted,
}
