namespace GlobalMidt.Effects.Estimation;

/// <summary>The output indicator "number of firms per half-year" of one activity, or of the whole programme
/// (the cross-cutting row, each firm once).</summary>
/// <param name="Activity">The activity; the cross-cutting row has <see cref="Eligibility.ParticipantGroups.CrossCuttingName"/>.</param>
/// <param name="IsCrossCutting">True for the row of all activities, each firm once.</param>
/// <param name="SupportedFirms">Distinct reported firms of the activity (with or without start and end).</param>
/// <param name="Periods">One entry per period of <see cref="ProgrammeIndicators.Periods"/>, in time order; empty when the
/// participants have no start and end.</param>
public sealed record ActivityIndicators(string Activity, bool IsCrossCutting, int SupportedFirms, IReadOnlyList<PeriodFirms> Periods);
