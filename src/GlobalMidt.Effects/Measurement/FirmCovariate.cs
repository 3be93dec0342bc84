namespace GlobalMidt.Effects.Measurement;

/// <summary>The firm covariates the measurement can match on.</summary>
public enum FirmCovariate
{
    /// <summary>log(1 + FTE) at baseline.</summary>
    Fte,

    /// <summary>log(1 + turnover) at baseline.</summary>
    Turnover,

    /// <summary>Employment growth log(1 + FTE at baseline) - log(1 + FTE at history start); 0 for firms without a history.</summary>
    Growth,

    /// <summary>log(1 + FTE) in the period before the baseline (the baseline's where the firm is absent then).</summary>
    FtePrevious,

    /// <summary>log(1 + turnover) in the period before the baseline (the baseline's where the firm is absent then).</summary>
    TurnoverPrevious,

    /// <summary>log(1 + turnover) averaged over the history window (history start..baseline, periods present).</summary>
    TurnoverMean,
}
