using System.Globalization;

namespace GlobalMidt.Effects.Inference;

/// <summary>Weighted shares and Kish's effective sample size (for the weighted control group).</summary>
public static class WeightedShares
{
    /// <summary>Kish's effective sample size <c>(Σ w)² / Σ w²</c>; 0 for no weights or all weights 0.</summary>
    /// <remarks>
    /// R: <c>sum(w)^2 / sum(w^2)</c> (also <c>cobalt::ESS(w)</c>). Weights must be finite and non-negative. The sums
    /// are taken over weights divided by the largest weight, so huge or tiny weights neither overflow nor underflow.
    /// </remarks>
    /// <param name="weights">Non-negative finite weights.</param>
    public static double KishEffectiveSize(ReadOnlySpan<double> weights)
    {
        double max = MaxChecked(weights, nameof(weights));
        if (max == 0)
        {
            return 0;
        }

        double sum = 0, sumSq = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i] / max;
            sum += w;
            sumSq += w * w;
        }

        return sum * sum / sumSq;
    }

    /// <summary>Kish's effective sample size; see <see cref="KishEffectiveSize(ReadOnlySpan{double})"/>.</summary>
    /// <param name="weights">Non-negative finite weights.</param>
    public static double KishEffectiveSize(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return KishEffectiveSize(ToArray(weights));
    }

    /// <summary>The weighted share of units with <paramref name="outcomes"/> true, with its effective size.</summary>
    /// <remarks>R: <c>weighted.mean(y, w)</c> and <c>sum(w)^2 / sum(w^2)</c>.</remarks>
    /// <param name="weights">Non-negative finite weights, at least one positive.</param>
    /// <param name="outcomes">The outcome per unit (e.g. has growth), same length as the weights.</param>
    public static WeightedShare Compute(ReadOnlySpan<double> weights, ReadOnlySpan<bool> outcomes)
    {
        if (weights.Length != outcomes.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The weights ({weights.Length}) and outcomes ({outcomes.Length}) must have the same length."),
                nameof(outcomes));
        }

        double max = MaxChecked(weights, nameof(weights));
        if (max == 0)
        {
            throw new ArgumentException("The weighted share is undefined: no unit has a positive weight.", nameof(weights));
        }

        double sum = 0, sumSq = 0, sumYes = 0;
        int count = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i] / max;
            sum += w;
            sumSq += w * w;
            if (outcomes[i])
            {
                sumYes += w;
            }

            if (w > 0)
            {
                count++;
            }
        }

        double share = Math.Min(sumYes / sum, 1);
        return new WeightedShare(share, sum * max, sum * sum / sumSq, count);
    }

    /// <summary>The weighted share; see <see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{bool})"/>.</summary>
    /// <param name="weights">Non-negative finite weights, at least one positive.</param>
    /// <param name="outcomes">The outcome per unit, same length as the weights.</param>
    public static WeightedShare Compute(IReadOnlyList<double> weights, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(outcomes);
        var y = new bool[outcomes.Count];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = outcomes[i];
        }

        return Compute(ToArray(weights), y);
    }

    private static double MaxChecked(ReadOnlySpan<double> weights, string name)
    {
        double max = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Weight {i} is {w}; weights must be finite and non-negative."),
                    name);
            }

            if (w > max)
            {
                max = w;
            }
        }

        return max;
    }

    private static double[] ToArray(IReadOnlyList<double> values)
    {
        var a = new double[values.Count];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = values[i];
        }

        return a;
    }
}
