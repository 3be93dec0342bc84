namespace GlobalMidt.Effects.Measurement;

/// <summary>How the measurement defines the baseline and what it matches on (issue 12, docs/accuracy.md).</summary>
public enum MeasurementMethod
{
    /// <summary>
    /// The published method (DST 2016, docs/method.md): one baseline period for the growth definition and the effect
    /// formula, matching on <see cref="MeasurementOptions.Covariates"/> as given. Reproduces the published tables.
    /// </summary>
    Dst2016,

    /// <summary>
    /// Matching on the pre-period trajectory: the covariates of <see cref="MeasurementOptions.Covariates"/> plus
    /// log(1+FTE) and log(1+turnover) of the period before the baseline and log(1+turnover) averaged over the history
    /// window, so participants recruited after a good (or bad) period get controls with the same recent path. The
    /// baseline stays one period unless <see cref="MeasurementOptions.BaselinePeriods"/> says otherwise (the
    /// known-truth study, docs/accuracy.md, found a 2-period baseline over-corrects: participants' growth into the
    /// baseline is partly persistent).
    /// </summary>
    Trajectory,
}
