using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Reporting;

/// <summary>The console text of the <c>validate</c> command: what a valid register, participants list and budgets
/// file hold (<see cref="RegisterSummary"/>, <see cref="ParticipantsSummary"/>, <see cref="BudgetsSummary"/>).</summary>
internal static class ExtractReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The register's lines, headed <c>Register NAME: valid</c>.</summary>
    /// <param name="r">The summary.</param>
    /// <param name="name">The file name shown.</param>
    /// <param name="latestAttributes">True when the register was read with
    /// <see cref="AttributeChangeRule.UseLatest"/> (the firms with changes are then counted).</param>
    public static string ToConsole(RegisterSummary r, string name, bool latestAttributes)
    {
        ArgumentNullException.ThrowIfNull(r);
        var w = new StringBuilder();
        w.Append(Inv, $"Register {name}: valid\n");
        w.Append(Inv, $"  rows                {r.Rows:N0}\n");
        w.Append(Inv, $"  firms               {r.Firms:N0}\n");
        w.Append(Inv, $"  periods             {r.Periods.Count} ({string.Join(", ", r.Periods)})\n");
        w.Append(Inv, $"  regions             {r.Regions.Count} ({string.Join(", ", r.Regions)})\n");
        w.Append(Inv, $"  industries          {r.Industries:N0} DB07 codes\n");
        w.Append(Inv, $"  municipalities      {r.Municipalities:N0}\n");
        w.Append(Inv, $"  public firms        {r.PublicFirms:N0}\n");
        if (r.ExportRows is int rows && r.ExportingRows is int exporting)
        {
            w.Append(Inv, $"  export              {exporting:N0} rows with export > 0 ({(rows == 0 ? 0 : 100.0 * exporting / rows):0.0}%)\n");
        }

        if (r.NegativeValueAddedRows is int negative)
        {
            w.Append(Inv, $"  value added         {negative:N0} rows with negative value added\n");
        }

        if (latestAttributes)
        {
            w.Append(Inv, $"  firms with attribute changes (latest value used) {r.FirmsWithAttributeChanges:N0}\n");
        }

        return w.ToString();
    }

    /// <summary>The participants' lines, headed <c>Participants NAME: valid</c>.</summary>
    public static string ToConsole(ParticipantsSummary p, string name)
    {
        ArgumentNullException.ThrowIfNull(p);
        var w = new StringBuilder();
        w.Append(Inv, $"Participants {name}: valid\n");
        w.Append(Inv, $"  rows                {p.Rows:N0}\n");
        w.Append(Inv, $"  unique firms        {p.UniqueFirms:N0}\n");
        w.Append(Inv, $"  groups              {p.Groups.Count} ({string.Join(", ", p.Groups)})\n");
        w.Append(Inv, $"  found in register   {p.FirmsInRegister:N0}\n");
        w.Append(Inv, $"  not in register     {p.FirmsNotInRegister:N0}");
        w.Append(p.FirmsNotInRegister > 0 ? $" (e.g. {string.Join(", ", p.NotFoundExamples)})\n" : "\n");
        w.Append(Inv, $"  duplicate rows      {p.DuplicateRows:N0}\n");
        if (p.Activities.Count > 0)
        {
            w.Append(Inv, $"  activities          {p.Activities.Count} ({string.Join(", ", p.Activities)})\n");
        }

        if (p.FirstStart is Period first && p.LastEnd is Period last)
        {
            w.Append(Inv, $"  activity periods    {first}..{last}\n");
        }

        return w.ToString();
    }

    /// <summary>The budgets' lines, headed <c>Budgets NAME: valid</c>; with <paramref name="againstParticipants"/>
    /// also the groups without a budget and the budgets without participants.</summary>
    public static string ToConsole(BudgetsSummary b, string name, bool againstParticipants)
    {
        ArgumentNullException.ThrowIfNull(b);
        var w = new StringBuilder();
        w.Append(Inv, $"Budgets {name}: valid\n");
        foreach (var g in b.Budgets)
        {
            w.Append(Inv, $"  {g.Group,-20} {g.BudgetMdkk.ToString("0.###", Inv)} mio. DKK\n");
        }

        w.Append(Inv, $"  total                {b.TotalMdkk.ToString("0.###", Inv)} mio. DKK\n");
        if (againstParticipants)
        {
            w.Append(Inv, $"  groups without budget {(b.GroupsWithoutBudget.Count == 0 ? "none" : string.Join(", ", b.GroupsWithoutBudget))}\n");
            if (b.BudgetsWithoutParticipants.Count > 0)
            {
                w.Append(Inv, $"  budgets without participants {string.Join(", ", b.BudgetsWithoutParticipants)}\n");
            }
        }

        return w.ToString();
    }
}
