namespace GlobalMidt.Effects.Eligibility;

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
