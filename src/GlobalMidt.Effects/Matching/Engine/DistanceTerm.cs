namespace GlobalMidt.Effects.Matching;

/// <summary>
/// A term added to the squared Mahalanobis distance: <c>Weight x (d / SD)^2</c>, where d is the difference between
/// the two units' values of covariate <see cref="Column"/> minus covariate <see cref="Minus"/> (when not -1), and SD
/// that value's standard deviation over all rows of the matching (as the Mahalanobis standardization).
/// </summary>
/// <param name="Column">Index of a numeric covariate (<see cref="MatchingData.Covariates"/>).</param>
/// <param name="Minus">Index of the numeric covariate subtracted from it, or -1.</param>
/// <param name="Weight">The term's weight, positive.</param>
internal readonly record struct DistanceTerm(int Column, int Minus, double Weight);
