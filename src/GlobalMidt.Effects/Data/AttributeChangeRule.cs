namespace GlobalMidt.Effects.Data;

/// <summary>What a loader does when a firm's static attributes (municipality, region, industry, sector) change
/// between periods.</summary>
public enum AttributeChangeRule
{
    /// <summary>A change is an error naming the firm, both lines and both values (the default).</summary>
    Error = 0,

    /// <summary>The value of the firm's latest period is used; the register counts the firms affected
    /// (<see cref="Register.FirmsWithAttributeChanges"/>).</summary>
    UseLatest = 1,
}
