namespace GlobalMidt.Effects.Measurement;

/// <summary>Wall-clock seconds of the measurement's phases.</summary>
/// <param name="Eligibility">Eligibility, control pool, covariates.</param>
/// <param name="Matching">Matching of every group (the cross-cutting set included).</param>
/// <param name="Effects">Shares, tests, effects, bootstrap intervals, balance, Table 3.</param>
public sealed record MeasurementTimings(double Eligibility, double Matching, double Effects);
