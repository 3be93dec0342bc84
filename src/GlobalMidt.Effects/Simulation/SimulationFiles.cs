namespace GlobalMidt.Effects.Simulation;

/// <summary>The files <see cref="SimulatedProgramme.WriteTo"/> wrote and their sizes.</summary>
/// <param name="Directory">Output directory.</param>
/// <param name="FirmsPath">Path of <c>firms.csv</c> or <c>firms.csv.gz</c>.</param>
/// <param name="ParticipantsPath">Path of <c>participants.csv</c>.</param>
/// <param name="BudgetsPath">Path of <c>budgets.csv</c>.</param>
/// <param name="TruthPath">Path of <c>truth.json</c>.</param>
/// <param name="FirmRows">Data rows in the firm panel.</param>
/// <param name="ParticipantRows">Data rows in the participant file.</param>
/// <param name="BudgetRows">Data rows in the budget file.</param>
public sealed record SimulationFiles(
    string Directory,
    string FirmsPath,
    string ParticipantsPath,
    string BudgetsPath,
    string TruthPath,
    long FirmRows,
    int ParticipantRows,
    int BudgetRows);
