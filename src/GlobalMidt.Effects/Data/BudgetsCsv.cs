using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects;

/// <summary>Loads group budgets (<c>budgets.csv</c>: <c>group, budget_mdkk</c>).</summary>
/// <remarks>Budgets are non-negative millions of DKK, read with <see cref="RegisterLoadOptions.Culture"/>; a group
/// listed twice is an error naming both lines. Optional column <c>private_mdkk</c>: private co-financing, mio. DKK, as
/// the budget (<see cref="GroupBudget.PrivateMdkk"/>).</remarks>
public static class BudgetsCsv
{
    /// <summary>The columns of the budgets file.</summary>
    internal static readonly string[] ColumnNames = ["group", "budget_mdkk"];

    /// <summary>The optional columns of the budgets file.</summary>
    internal static readonly string[] OptionalColumnNames = ["private_mdkk"];

    /// <summary>Reads and validates a budgets file.</summary>
    /// <param name="path">The file; a name ending in <c>.gz</c> is read through gzip.</param>
    /// <param name="options">Culture and error cap; null for the defaults.</param>
    /// <exception cref="InputDataException">The file is missing or bad; every error found is listed.</exception>
    public static IReadOnlyList<GroupBudget> Load(string path, RegisterLoadOptions? options = null)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(path, options, ColumnNames, OptionalColumnNames), options);
    }

    /// <summary>Reads and validates budgets from <paramref name="stream"/>, read once from its current position
    /// (standard input or a pipe is fine; gzip is recognised by its magic bytes). The stream is disposed.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="source">The name used in errors, e.g. <c>stdin</c>.</param>
    /// <param name="options">As for the path overload; null for the defaults.</param>
    /// <exception cref="InputDataException">The data is bad; every error found (up to the cap) is listed.</exception>
    public static IReadOnlyList<GroupBudget> Load(Stream stream, string source, RegisterLoadOptions? options = null)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(stream, source, options, ColumnNames, optional: OptionalColumnNames), options);
    }

    private static List<GroupBudget> Read(CsvInput opened, RegisterLoadOptions options)
    {
        using var input = opened;
        var result = new List<GroupBudget>();
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        string what = ValueBounds.BudgetMdkk.What;
        bool hasPrivate = input.Has(2);
        try
        {
            while (input.Read())
            {
                var groupSpan = input.Field(0);
                string? group = null;
                if (groupSpan.IsEmpty)
                {
                    input.Error(ColumnNames[0], null, "", "empty: expected a group name (e.g. VF Midtjylland)");
                }
                else if ((FieldText.TextProblem(groupSpan) ?? ProgrammeText.GroupProblem(FieldText.Show(groupSpan))) is string problem)
                {
                    input.Error(ColumnNames[0], null, FieldText.Show(groupSpan), problem);
                }
                else
                {
                    group = FieldText.Show(groupSpan);
                    if (lines.TryGetValue(group, out long first))
                    {
                        input.Error(ColumnNames[0], null, group, string.Create(
                            CultureInfo.InvariantCulture,
                            $"group listed twice: also at line {first}; expected one budget per group"));
                        group = null;
                    }
                    else
                    {
                        lines.Add(group, input.Line);
                    }
                }

                var budgetSpan = input.Field(1);
                if (!FieldText.TryParseNumber(budgetSpan, options.Culture, out double budget))
                {
                    input.Error(ColumnNames[1], null, FieldText.Show(budgetSpan), FieldText.NotANumber(budgetSpan, options.Culture, what));
                    continue;
                }

                string? bad = ValueBounds.BudgetMdkk.Problem(budget);
                if (bad is not null)
                {
                    input.Error(ColumnNames[1], null, FieldText.Show(budgetSpan), bad);
                    continue;
                }

                double? privateMdkk = null;
                if (hasPrivate)
                {
                    var privateSpan = input.Field(2);
                    if (!FieldText.TryParseNumber(privateSpan, options.Culture, out double p))
                    {
                        input.Error(OptionalColumnNames[0], null, FieldText.Show(privateSpan),
                            FieldText.NotANumber(privateSpan, options.Culture, ValueBounds.PrivateMdkk.What));
                        continue;
                    }

                    if (ValueBounds.PrivateMdkk.Problem(p) is string badPrivate)
                    {
                        input.Error(OptionalColumnNames[0], null, FieldText.Show(privateSpan), badPrivate);
                        continue;
                    }

                    privateMdkk = p;
                }

                if (group is not null)
                {
                    result.Add(new GroupBudget(group, budget) { PrivateMdkk = privateMdkk });
                }
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException)
        {
            throw CsvInput.Unreadable(input, e);
        }

        input.ThrowIfAny(result.Count, "one row per group");
        return result;
    }
}
