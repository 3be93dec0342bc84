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

    /// <summary>
    /// The default, chosen by the known-truth study (docs/accuracy.md, "Which default"): one baseline period as
    /// <see cref="Dst2016"/>, but unless set otherwise matching on FTE, turnover, employment growth and the history's
    /// mean turnover (<see cref="MeasurementOptions.RobustCovariates"/>) in national exact strata of industry and history
    /// (<see cref="MatchingLevel.National"/>: region does not drive growth, and regional cells are too thin for the
    /// large participants), each participant growing like its own controls (<see cref="Estimation.EffectEstimator.Pairwise"/>).
    /// Robust to transitory baseline shocks: a participant recruited after a good half-year gets controls with the
    /// same turnover history.
    /// </summary>
    Robust,
}
