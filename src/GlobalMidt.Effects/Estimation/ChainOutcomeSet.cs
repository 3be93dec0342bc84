namespace GlobalMidt.Effects.Estimation;

/// <summary>Export, value added and new exporters of one group's matched sample (issue 8).</summary>
/// <param name="Export">Export growth share and added export; null when the register has no export.</param>
/// <param name="ValueAdded">Value added growth share and added value added; null when the register has none.</param>
/// <param name="NewExporters">New exporters; null when the register has no export.</param>
internal sealed record ChainOutcomeSet(ChainOutcome? Export, ChainOutcome? ValueAdded, NewExportersResult? NewExporters);
