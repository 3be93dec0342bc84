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

    /// <summary>log(1 + export) at baseline; needs a register with an export column (docs/effect-chain.md).</summary>
    Export,

    /// <summary>1 when the firm exports at baseline (export &gt; 0), else 0; needs a register with an export column.</summary>
    Exporter,
}
