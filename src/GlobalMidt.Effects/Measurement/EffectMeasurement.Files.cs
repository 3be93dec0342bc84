using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects;

/// <content>The measurement straight from the three CSV files, so a first program needs one <c>using</c>.</content>
public static partial class EffectMeasurement
{
    /// <summary>
    /// Loads the register extract, the participants and the budgets (CSV, as <c>measure --firms --participants
    /// --budgets</c>) and runs the whole measurement.
    /// </summary>
    /// <example>
    /// <code>
    /// using GlobalMidt.Effects.Measurement;
    ///
    /// var result = EffectMeasurement.Run("firms.csv.gz", "participants.csv", "budgets.csv");
    /// Console.Write(result.ToConsole(MeasurementTables.Table2));
    /// </code>
    /// </example>
    /// <param name="firmsPath">Register extract, <c>.csv</c> or <c>.csv.gz</c> (<see cref="RegisterCsv.Load(string, RegisterLoadOptions?)"/>).</param>
    /// <param name="participantsPath">Participants: firm_id, project_id, group (<see cref="ParticipantsCsv.Load(string, RegisterLoadOptions?)"/>).</param>
    /// <param name="budgetsPath">Budgets: group, budget_mdkk (<see cref="BudgetsCsv.Load(string, RegisterLoadOptions?)"/>); null for none.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="loadOptions">Culture of decimal numbers and the rule for attribute changes; null for the defaults.</param>
    /// <exception cref="InputDataException">A file is missing or holds bad data (file, line, column, firm id).</exception>
    /// <exception cref="ArgumentException">Options invalid or periods not in the register.</exception>
    public static MeasurementResult Run(
        string firmsPath,
        string participantsPath,
        string? budgetsPath = null,
        MeasurementOptions? options = null,
        RegisterLoadOptions? loadOptions = null)
    {
        ArgumentNullException.ThrowIfNull(firmsPath);
        ArgumentNullException.ThrowIfNull(participantsPath);
        var register = RegisterCsv.Load(firmsPath, loadOptions);
        var participants = ParticipantsCsv.Load(participantsPath, loadOptions, register);
        var budgets = budgetsPath is null ? [] : BudgetsCsv.Load(budgetsPath, loadOptions);
        return Run(register, participants, budgets, options);
    }
}
