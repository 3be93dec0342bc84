using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Eligibility;

/// <summary>One group's reported firms (unique ids, canonical order), each with its register index (-1 when unknown) and exclusion reason.</summary>
/// <param name="Group">The group name; the cross-cutting set has <see cref="ParticipantGroups.CrossCuttingName"/>.</param>
/// <param name="IsCrossCutting">True for the set of all groups with duplicates removed.</param>
/// <param name="FirmIds">Unique reported ids, in <see cref="FirmIdComparer"/> order.</param>
/// <param name="RegisterIndex">Per reported id, its register firm index, or -1.</param>
/// <param name="Reasons">Per reported id, why it is excluded (<see cref="ExclusionReason.None"/> when measured).</param>
internal sealed record GroupParticipants(string Group, bool IsCrossCutting, string[] FirmIds, int[] RegisterIndex, ExclusionReason[] Reasons)
{
    /// <summary>Table 1 counts.</summary>
    public EligibilityCounts Counts()
    {
        int[] by = new int[5];
        foreach (var r in Reasons)
        {
            by[(int)r]++;
        }

        return new EligibilityCounts(FirmIds.Length, by[0], by[1], by[2], by[3], by[4]);
    }

    /// <summary>Register indices of the measured firms, in canonical id order.</summary>
    public int[] MeasuredFirms()
    {
        var list = new List<int>(FirmIds.Length);
        for (int i = 0; i < FirmIds.Length; i++)
        {
            if (Reasons[i] == ExclusionReason.None)
            {
                list.Add(RegisterIndex[i]);
            }
        }

        return list.ToArray();
    }
}
