namespace GlobalMidt.Effects.Eligibility;

/// <summary>Why a reported participant is not measured; the first failing reason in this order counts.</summary>
public enum ExclusionReason
{
    /// <summary>Measured: none of the reasons below.</summary>
    None = 0,

    /// <summary>The firm id is not in the register.</summary>
    Unknown,

    /// <summary>A public-sector firm.</summary>
    Public,

    /// <summary>Missing in a period of the window baseline..measurement (closed, or not yet born).</summary>
    Ceased,

    /// <summary>No FTEs and no turnover in a period of the window.</summary>
    Inactive,
}

/// <summary>Table 1 counts of one group: reported firms, measured firms and the excluded by reason.</summary>
/// <param name="Reported">Unique firm ids reported.</param>
/// <param name="Measured">Firms that pass every rule.</param>
/// <param name="Unknown">Not in the register.</param>
/// <param name="Public">Public sector.</param>
/// <param name="Ceased">Missing in a period of the window.</param>
/// <param name="Inactive">No FTEs and no turnover in a period of the window.</param>
public sealed record EligibilityCounts(int Reported, int Measured, int Unknown, int Public, int Ceased, int Inactive)
{
    /// <summary>Reported minus measured.</summary>
    public int Excluded => Unknown + Public + Ceased + Inactive;
}
