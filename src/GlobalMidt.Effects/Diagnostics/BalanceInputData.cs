namespace GlobalMidt.Effects.Diagnostics;

/// <summary>The covariates, treatment and weights that <see cref="Balance"/> takes.</summary>
/// <param name="Names">Covariate names (dummies as <c>COL_level</c>).</param>
/// <param name="Columns">Covariate columns, one per name.</param>
/// <param name="Treated">Per row, true for a treated unit.</param>
/// <param name="Weights">Per row, the matching weight (0 = not matched).</param>
internal sealed record BalanceInputData(IReadOnlyList<string> Names, double[][] Columns, bool[] Treated, double[] Weights);
