namespace GlobalMidt.Effects;

/// <summary>Which units outside the common support of the propensity score are discarded (MatchIt <c>discard</c>).</summary>
public enum CommonSupportDiscard
{
    /// <summary>Keep all units.</summary>
    None,

    /// <summary>Drop treated units outside the controls' score range.</summary>
    Treated,

    /// <summary>Drop controls outside the treated units' score range.</summary>
    Control,

    /// <summary>Both.</summary>
    Both,
}
