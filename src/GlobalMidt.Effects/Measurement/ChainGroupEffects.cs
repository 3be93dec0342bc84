using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The effect chain's outcomes of one group; each null when the register lacks its column.</summary>
/// <param name="Export">Export (column <c>export</c>).</param>
/// <param name="ValueAdded">Value added (column <c>value_added</c>).</param>
/// <param name="NewExporters">New exporters (column <c>export</c>).</param>
public sealed record ChainGroupEffects(ChainOutcomeEffect? Export, ChainOutcomeEffect? ValueAdded, NewExportersEffect? NewExporters);
