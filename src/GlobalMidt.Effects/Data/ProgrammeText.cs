using System.Text;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Data;

/// <summary>Checks of the programme files' text shared by the CSV, DataFrame and record paths.</summary>
internal static class ProgrammeText
{
    /// <summary>The problem with a group name, or null: it may not be the cross-cutting row's name (compared
    /// trimmed, case-insensitively, in Unicode normal form C), which would give two rows of that name.</summary>
    public static string? GroupProblem(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        string name = group.Trim();
        if (!name.IsNormalized(NormalizationForm.FormC))
        {
            name = name.Normalize(NormalizationForm.FormC);
        }

        return string.Equals(name, ParticipantGroups.CrossCuttingName, StringComparison.OrdinalIgnoreCase)
            ? $"reserved group name: the cross-cutting row (all groups, each firm once) is called '{ParticipantGroups.CrossCuttingName}'; give the group another name"
            : null;
    }
}
