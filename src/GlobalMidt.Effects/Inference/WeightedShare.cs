namespace GlobalMidt.Effects.Inference;

/// <summary>A weighted share with the sizes needed for its inference.</summary>
/// <param name="Share">Σ w·y / Σ w.</param>
/// <param name="SumOfWeights">Σ w.</param>
/// <param name="EffectiveN">Kish's effective size (Σ w)² / Σ w².</param>
/// <param name="Count">Number of units with a positive weight.</param>
public readonly record struct WeightedShare(double Share, double SumOfWeights, double EffectiveN, int Count);
