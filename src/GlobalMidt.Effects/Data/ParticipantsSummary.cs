namespace GlobalMidt.Effects.Data;

/// <summary>What a participants list holds, and how much of it the register knows.</summary>
/// <param name="Rows">Rows as read (duplicates included).</param>
/// <param name="UniqueFirms">Distinct firm ids.</param>
/// <param name="Groups">Distinct group names, in ordinal order.</param>
/// <param name="FirmsInRegister">Distinct firms found in the register (0 without a register).</param>
/// <param name="FirmsNotInRegister">Distinct firms not found in the register (0 without a register).</param>
/// <param name="NotFoundExamples">Up to 10 of the firm ids not found, in canonical order.</param>
/// <param name="DuplicateRows">Rows that repeat an earlier row exactly.</param>
public sealed record ParticipantsSummary(
    int Rows,
    int UniqueFirms,
    IReadOnlyList<string> Groups,
    int FirmsInRegister,
    int FirmsNotInRegister,
    IReadOnlyList<string> NotFoundExamples,
    int DuplicateRows)
{
    /// <summary>Distinct activities (the optional <c>activity</c> column), in ordinal order; empty without it.</summary>
    public IReadOnlyList<string> Activities { get; init; } = [];

    /// <summary>The earliest activity start (the optional <c>start</c> column); null without it.</summary>
    public Period? FirstStart { get; init; }

    /// <summary>The latest activity end (the optional <c>end</c> column); null without it.</summary>
    public Period? LastEnd { get; init; }

    /// <summary>Summarises participants, matching firm ids against <paramref name="register"/> when given.</summary>
    public static ParticipantsSummary Of(IReadOnlyList<Participant> participants, Register? register)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var rows = new HashSet<Participant>();
        var firms = new HashSet<string>(StringComparer.Ordinal);
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        int duplicates = 0;
        foreach (var p in participants)
        {
            if (!rows.Add(p))
            {
                duplicates++;
            }

            firms.Add(p.FirmId);
            groups.Add(p.Group);
        }

        int found = 0;
        var notFound = new List<string>();
        if (register is not null)
        {
            foreach (string id in firms)
            {
                if (register.FindFirm(id) >= 0)
                {
                    found++;
                }
                else
                {
                    notFound.Add(id);
                }
            }
        }

        notFound.Sort(FirmIdComparer.Instance);
        return new ParticipantsSummary(
            participants.Count,
            firms.Count,
            [.. groups],
            found,
            notFound.Count,
            notFound.Count > 10 ? notFound.GetRange(0, 10) : notFound,
            duplicates)
        {
            Activities = [.. participants.Where(p => p.Activity is not null).Select(p => p.Activity!).Distinct().Order(StringComparer.Ordinal)],
            FirstStart = participants.Any(p => p.Start is not null) ? participants.Where(p => p.Start is not null).Min(p => p.Start!.Value) : null,
            LastEnd = participants.Any(p => p.Start is not null) ? participants.Where(p => p.Start is not null).Max(p => p.End!.Value) : null,
        };
    }
}
