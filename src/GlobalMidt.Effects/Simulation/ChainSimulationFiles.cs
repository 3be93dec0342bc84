namespace GlobalMidt.Effects.Simulation;

/// <summary>What <see cref="ChainSimulator.Write"/> wrote.</summary>
/// <param name="FirmsPath">The register file.</param>
/// <param name="ParticipantsPath">participants.csv.</param>
/// <param name="BudgetsPath">budgets.csv.</param>
/// <param name="TruthPath">truth.json.</param>
/// <param name="FirmRows">Rows of the register.</param>
/// <param name="ParticipantRows">Rows of participants.csv (firm x project x activity).</param>
/// <param name="ParticipantFirms">Distinct participating firm ids (including ids not in the register).</param>
public sealed record ChainSimulationFiles(
    string FirmsPath, string ParticipantsPath, string BudgetsPath, string TruthPath, long FirmRows, int ParticipantRows, int ParticipantFirms);
