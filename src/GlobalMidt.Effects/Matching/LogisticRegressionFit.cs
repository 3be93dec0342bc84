namespace GlobalMidt.Effects.Matching;

/// <summary>A fitted logistic regression (the propensity-score model).</summary>
/// <param name="Names">Coefficient names: <c>(Intercept)</c>, then the design columns as R's <c>model.matrix</c>
/// names them (a numeric covariate by its name, a dummy by covariate name followed by level).</param>
/// <param name="Coefficients">Estimates, in the order of <paramref name="Names"/>; NaN for a column aliased with
/// earlier ones (R reports NA).</param>
/// <param name="Fitted">Per row of the fitted data, the fitted probability (R's <c>fitted()</c>).</param>
/// <param name="Iterations">IRLS iterations done.</param>
/// <param name="Converged">True when the deviance criterion was met within the iteration limit.</param>
/// <param name="Deviance">Residual deviance.</param>
public sealed record LogisticRegressionFit(
    IReadOnlyList<string> Names,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> Fitted,
    int Iterations,
    bool Converged,
    double Deviance);
