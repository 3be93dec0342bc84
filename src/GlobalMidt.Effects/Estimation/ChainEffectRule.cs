namespace GlobalMidt.Effects.Estimation;

/// <summary>How <see cref="ChainEffects.Effect"/> formed the participants' counterfactual.</summary>
public enum ChainEffectRule
{
    /// <summary>The published ratio rule: the participants' baseline sum grows by the controls' growth rate,
    /// effect = sum(Y1) - sum(Y0) (1 + G_C), G_C = sum(w Y1) / sum(w Y0) - 1. Used when the controls' weighted
    /// baseline sum is positive and the participants' baseline sum is not negative.</summary>
    Ratio,

    /// <summary>The difference rule: the participants' sum changes by as much as the controls' weighted sum,
    /// effect = (sum(Y1) - sum(Y0)) - (sum(w Y1) - sum(w Y0)) (the weights of each participant's controls sum to 1, so
    /// both sums run over N units). Used when a growth rate is undefined or meaningless: the controls' baseline sum is
    /// 0 or negative (no control exports; loss-making controls), or the participants' baseline sum is negative (a
    /// ratio would "grow" a loss).</summary>
    Difference,

    /// <summary>No matched participants: no effect.</summary>
    None,
}
