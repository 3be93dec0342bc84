using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Estimation;

/// <summary>The recomputation of the published tables: per row checks and the forecast.</summary>
/// <param name="Rows">One check per published row, in file order.</param>
/// <param name="Forecast">The forecast.</param>
public sealed record PublishedRecomputation(IReadOnlyList<PublishedRowCheck> Rows, ForecastCheck Forecast)
{
    /// <summary>True when every row agrees (<see cref="PublishedRowCheck.AllAgree"/>).</summary>
    public bool AllAgree => Rows.All(r => r.AllAgree);

    /// <summary>Console text: titled sections of aligned tables (Table 3, its figures, the p-values, the forecast).</summary>
    public string ToConsole() => PublishedRecomputationFormatter.ToText(this, markdown: false);

    /// <summary>The sections of <see cref="ToConsole"/> as GitHub-flavoured Markdown.</summary>
    public string ToMarkdown() => PublishedRecomputationFormatter.ToText(this, markdown: true);

    /// <summary>One long CSV: <c>group,figure,published,recomputed,range_low,range_high,agrees,plain_rounding_agrees</c>;
    /// numbers round-trip, empty where undefined.</summary>
    public string ToCsv() => PublishedRecomputationFormatter.ToCsv(this);

    /// <summary>Indented JSON (numbers as numbers, null where undefined).</summary>
    public string ToJson() => PublishedRecomputationFormatter.ToJson(this);
}
