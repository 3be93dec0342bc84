using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Measurement;

/// <summary>New exporters of one group (issue 8): among matched participants without export at baseline, the share
/// exporting at the measurement against their weighted controls', and the additional exporting firms.</summary>
/// <param name="Result">Counts, shares and the share test (<see cref="NewExporters.Compute"/>).</param>
/// <param name="Additional">Additional exporting firms as reported: the estimate where p &lt; alpha, else 0; null when
/// no participant is without export at baseline.</param>
/// <param name="Estimate">n x (participant share - control share); null when undefined.</param>
/// <param name="Interval">Bootstrap percentile interval of <see cref="Estimate"/> (the same matched-set draws as the
/// other outcomes); null when not computed.</param>
public sealed record NewExportersEffect(NewExportersResult Result, double? Additional, double? Estimate, Interval? Interval);
