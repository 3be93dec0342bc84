namespace GlobalMidt.Effects.Eligibility;

/// <summary>What the rows of a measurement are (<see cref="MeasurementOptions.By"/>, <c>measure --by</c>).</summary>
public enum ParticipantGrouping
{
    /// <summary>One row per group (growth forum), then the cross-cutting row: the published tables.</summary>
    Group = 0,

    /// <summary>One row per activity (participants.csv column <c>activity</c>), then the cross-cutting row; a firm in
    /// two activities counts in both, the cross-cutting row counts each firm once.</summary>
    Activity,
}
