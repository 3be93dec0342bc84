namespace GlobalMidt.Effects.Data;

/// <summary>A reported participation: a firm in a project of a group (growth forum / programme).</summary>
/// <param name="FirmId">Firm id (CVR number).</param>
/// <param name="ProjectId">Project id.</param>
/// <param name="Group">Group name, e.g. <c>VF Midtjylland</c>.</param>
public sealed record Participant(string FirmId, string ProjectId, string Group)
{
    /// <summary>The activity (optional column <c>activity</c>, free text, e.g. <c>Export mentor</c>); null when the
    /// file has none.</summary>
    public string? Activity { get; init; }

    /// <summary>The first period of the activity (optional column <c>start</c>); null when the file has none.</summary>
    public Period? Start { get; init; }

    /// <summary>The last period of the activity (optional column <c>end</c>, on or after <see cref="Start"/>); null
    /// when the file has none.</summary>
    public Period? End { get; init; }
}
