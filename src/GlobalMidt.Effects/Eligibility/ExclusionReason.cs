namespace GlobalMidt.Effects.Eligibility;

/// <summary>Why a reported participant is not measured; the first failing reason in this order counts.</summary>
internal enum ExclusionReason
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
