using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Eligibility;

/// <summary>Participants per group, the cross-cutting set and the control pool (docs/method.md steps 1-3).</summary>
internal static class ParticipantGroups
{
    /// <summary>Name of the cross-cutting row (all groups, duplicates removed), as published.</summary>
    public const string CrossCuttingName = "Tværgående måling (ekskl. dubletter)";

    /// <summary>
    /// Groups the reported participants: one entry per group (ordinal name order), then the cross-cutting set.
    /// Ids are trimmed; a firm reported several times in a group counts once.
    /// </summary>
    public static IReadOnlyList<GroupParticipants> Build(Register register, IReadOnlyList<Participant> participants, ExclusionReason[] firmReasons)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(firmReasons);
        var byGroup = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var all = new List<string>(participants.Count);
        // Each group name checked once (a check per row normalized the same few names tens of thousands of times).
        var listOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            string id = p.FirmId.Trim();
            if (!listOf.TryGetValue(p.Group, out var list))
            {
                string group = p.Group.Trim();
                if (ProgrammeText.GroupProblem(group) is string reserved)
                {
                    throw new InputDataException(new DataError("participants", 0, "group", id, group, reserved));
                }

                if (!byGroup.TryGetValue(group, out list))
                {
                    list = [];
                    byGroup[group] = list;
                }

                listOf[p.Group] = list;
            }

            list.Add(id);
            all.Add(id);
        }

        // Every group's firms are among the cross-cutting set's: each id is searched in the register once, there.
        var crossIds = SortedUnique(all);
        var indexOf = new Dictionary<string, int>(crossIds.Length, StringComparer.Ordinal);
        foreach (string id in crossIds)
        {
            indexOf[id] = register.FindFirm(id);
        }

        var result = new List<GroupParticipants>(byGroup.Count + 1);
        foreach (var (group, ids) in byGroup)
        {
            result.Add(Make(group, false, SortedUnique(ids), indexOf, firmReasons));
        }

        result.Add(Make(CrossCuttingName, true, crossIds, indexOf, firmReasons));
        return result;
    }

    /// <summary>The ids in <see cref="FirmIdComparer"/> order, each once (the comparer says 0 only for equal ids).</summary>
    private static string[] SortedUnique(List<string> ids)
    {
        var a = ids.ToArray();
        var keys = new ulong[a.Length];
        bool numeric = true;
        for (int i = 0; i < a.Length && numeric; i++)
        {
            numeric = FirmIdComparer.TryNumericKey(a[i], out keys[i]);
        }

        if (numeric)
        {
            // Numeric keys sort as the comparer and are equal only for equal ids (CVR numbers).
            Array.Sort(keys, a);
        }
        else
        {
            Array.Sort(a, FirmIdComparer.Instance);
        }

        int k = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (k == 0 || !string.Equals(a[i], a[k - 1], StringComparison.Ordinal))
            {
                a[k++] = a[i];
            }
        }

        Array.Resize(ref a, k);
        return a;
    }

    /// <summary>
    /// The control pool: eligible register firms that were reported in no project of any group (whatever their own
    /// eligibility), in firm index order.
    /// </summary>
    public static int[] ControlPool(Register register, ExclusionReason[] firmReasons, GroupParticipants crossCutting)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(firmReasons);
        ArgumentNullException.ThrowIfNull(crossCutting);
        var isParticipant = new bool[register.FirmCount];
        foreach (int f in crossCutting.RegisterIndex)
        {
            if (f >= 0)
            {
                isParticipant[f] = true;
            }
        }

        var pool = new List<int>();
        for (int f = 0; f < register.FirmCount; f++)
        {
            if (!isParticipant[f] && firmReasons[f] == ExclusionReason.None)
            {
                pool.Add(f);
            }
        }

        return pool.ToArray();
    }

    private static GroupParticipants Make(string group, bool cross, string[] idArray, Dictionary<string, int> indexOf, ExclusionReason[] firmReasons)
    {
        var index = new int[idArray.Length];
        var reasons = new ExclusionReason[idArray.Length];
        for (int i = 0; i < idArray.Length; i++)
        {
            int f = indexOf[idArray[i]];
            index[i] = f;
            reasons[i] = f < 0 ? ExclusionReason.Unknown : firmReasons[f];
        }

        return new GroupParticipants(group, cross, idArray, index, reasons);
    }
}
