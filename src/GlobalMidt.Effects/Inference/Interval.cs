using System.Globalization;

namespace GlobalMidt.Effects.Inference;

/// <summary>A two-sided confidence interval [<see cref="Low"/>, <see cref="High"/>] at confidence <see cref="Level"/>.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
/// <param name="Level">Confidence level in (0, 1), e.g. 0.95.</param>
public readonly record struct Interval(double Low, double High, double Level)
{
    /// <summary>The width <c>High - Low</c>.</summary>
    public double Width => High - Low;

    /// <summary>True when <paramref name="value"/> lies in the closed interval.</summary>
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>Invariant text such as <c>[0.4123, 0.5321] (95 %)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Low:0.####}, {High:0.####}] ({Level * 100:0.##} %)");
}
