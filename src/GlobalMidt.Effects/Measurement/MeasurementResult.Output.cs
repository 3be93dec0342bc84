using GlobalMidt.Effects.Reporting;
using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects.Measurement;

/// <content>Rendering and export as instance methods, so no other namespace is needed to print a result.</content>
public sealed partial record MeasurementResult
{
    /// <summary>Tables 1-3 and balance as aligned console text (the <c>measure</c> command's output).</summary>
    public string ToConsole() => MeasurementReport.ToConsole(this);

    /// <summary>
    /// The chosen tables as aligned console text, each under its title (without the settings line and notes unless
    /// <paramref name="tables"/> is <see cref="MeasurementTables.All"/>), e.g. <c>result.ToConsole(MeasurementTables.Table2)</c>.
    /// </summary>
    public string ToConsole(MeasurementTables tables) => MeasurementReport.ToConsole(this, tables);

    /// <summary>Tables 1-3 and balance as Markdown.</summary>
    public string ToMarkdown() => MeasurementReport.ToMarkdown(this);

    /// <summary>The chosen tables as Markdown (see <see cref="ToConsole(MeasurementTables)"/>).</summary>
    public string ToMarkdown(MeasurementTables tables) => MeasurementReport.ToMarkdown(this, tables);

    /// <summary>Tables 1-3 and balance as an HTML fragment, for notebooks.</summary>
    public string ToHtml() => MeasurementReport.ToHtml(this);

    /// <summary>The chosen tables as an HTML fragment (see <see cref="ToConsole(MeasurementTables)"/>).</summary>
    public string ToHtml(MeasurementTables tables) => MeasurementReport.ToHtml(this, tables);

    /// <summary>One CSV row per group with every figure of the report (the <c>measure --format csv</c> output).</summary>
    public string ToCsv() => MeasurementReport.ToCsv(this);

    /// <summary>
    /// One CSV row per group with the columns of the chosen tables, as in <see cref="ToDataFrame(MeasurementTables)"/>
    /// (invariant numbers without grouping, round-trip precision, empty where undefined);
    /// <see cref="MeasurementTables.All"/> gives <see cref="ToCsv()"/>.
    /// </summary>
    public string ToCsv(MeasurementTables tables) => tables == MeasurementTables.All
        ? MeasurementReport.ToCsv(this)
        : MeasurementFrames.ToCsv(MeasurementFrames.Results(this, tables));

    /// <summary>The JSON report (snake_case keys, null where undefined).</summary>
    public string ToJson() => MeasurementReport.ToJson(this);

    /// <summary>
    /// The key figures as a DataFrame, one row per group (the cross-cutting row first): Table 1 counts, Table 2 shares,
    /// p-values, effects with intervals, Table 3 and the balance columns. Typed columns (string, bool, int, double);
    /// undefined figures are null. Column names are those of <see cref="ToCsv()"/> plus further figures
    /// (docs: <c>docs/api.md</c>).
    /// </summary>
    /// <param name="tables">The tables whose columns to include (<c>group</c> and <c>cross_cutting</c> always).</param>
    public DataFrame ToDataFrame(MeasurementTables tables = MeasurementTables.All) => MeasurementFrames.Results(this, tables);

    /// <summary>
    /// Every matched pair of every group as CSV (<c>measure --matches</c>):
    /// <c>group,participant,control,slot,level,distance,pair_weight,control_weight</c> (see <see cref="MatchedFirmPair"/>).
    /// </summary>
    public string MatchesToCsv() => MeasurementFrames.MatchesCsv(this);

    /// <summary>Every matched pair of every group as a DataFrame, with the columns of <see cref="MatchesToCsv"/>.</summary>
    public DataFrame MatchesToDataFrame() => MeasurementFrames.Matches(this);
}
