using System.Globalization;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects;

/// <summary>
/// Options of nearest-neighbour matching; validated in one place (<see cref="Validate"/>).
/// </summary>
/// <remarks>Mirrors R MatchIt 4.x <c>matchit(method = "nearest", ...)</c> where the options coincide.</remarks>
public sealed record MatchingOptions
{
    /// <summary>Distance measure; default <see cref="DistanceMetric.Mahalanobis"/>.</summary>
    public DistanceMetric Distance { get; init; } = DistanceMetric.Mahalanobis;

    /// <summary>Controls per treated unit (MatchIt <c>ratio</c>); default 1.</summary>
    public int Ratio { get; init; } = 1;

    /// <summary>Match with replacement (a control may serve several treated units); default false.</summary>
    public bool Replace { get; init; }

    /// <summary>
    /// Caliper in standard deviations of the propensity score (MatchIt <c>caliper</c> with
    /// <c>std.caliper = TRUE</c>: the SD of the score, not its logit, over all non-discarded treated and control
    /// units); null for none. Only with <see cref="DistanceMetric.Glm"/>: MatchIt 4.x stops on an unnamed caliper
    /// with a Mahalanobis or Euclidean distance ("All entries in `caliper` must be named when distance does not
    /// correspond to a propensity score"); its calipers on single covariates (<c>caliper = c(x = 0.2)</c>) are not
    /// offered (docs/matching.md, "Caliper").
    /// </summary>
    public double? Caliper { get; init; }

    /// <summary>Matching order; default <see cref="MatchOrder.Default"/>.</summary>
    public MatchOrder Order { get; init; } = MatchOrder.Default;

    /// <summary>Common-support discarding; default <see cref="CommonSupportDiscard.None"/>.</summary>
    public CommonSupportDiscard Discard { get; init; } = CommonSupportDiscard.None;

    /// <summary>Seed for <see cref="MatchOrder.Random"/>; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Threads used across strata; 0 (default) means all cores. Output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Terms added to the squared Mahalanobis distance (<see cref="DistanceTerm"/>; the measurement's trajectory
    /// weight); null or empty for none. Ignored by the other distances.</summary>
    internal IReadOnlyList<DistanceTerm>? DistanceTerms { get; init; }

    /// <summary>The effective order (resolves <see cref="MatchOrder.Default"/>).</summary>
    public MatchOrder EffectiveOrder => Order != MatchOrder.Default
        ? Order
        : Distance == DistanceMetric.Glm ? MatchOrder.Largest : MatchOrder.Data;

    /// <summary>
    /// Throws an <see cref="OptionsException"/> naming the setting when an option is out of range or inconsistent
    /// with another; its message is one sentence fit to show a user as it is. The library's entry points call it once
    /// (<see cref="NearestNeighbourMatcher.Prepare"/>, <c>EffectMeasurement.Run</c>); call it earlier to fail
    /// before loading data.
    /// </summary>
    /// <exception cref="OptionsException">An option is out of range or inconsistent with another.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Distance))
        {
            throw new OptionsException(Invariant($"Distance {(int)Distance} is not a distance measure (glm, mahalanobis, scaled_euclidean or euclidean)."), nameof(Distance));
        }

        if (Ratio < 1 || Ratio > 1000)
        {
            throw new OptionsException(Invariant($"The ratio (controls per treated unit) must be 1-1000 (got {Ratio})."), nameof(Ratio));
        }

        if (Caliper is double c && (!double.IsFinite(c) || c <= 0))
        {
            throw new OptionsException(Invariant($"The caliper must be a positive number of standard deviations of the propensity score (got {c})."), nameof(Caliper));
        }

        if (Distance != DistanceMetric.Glm && Caliper is not null)
        {
            throw new OptionsException(
                $"A caliper needs the glm distance: it is in standard deviations of the propensity score, as MatchIt's; the {Name(Distance)} distance takes none (MatchIt stops on an unnamed caliper with it too).",
                nameof(Caliper));
        }

        if (Distance != DistanceMetric.Glm && Order is MatchOrder.Largest or MatchOrder.Smallest)
        {
            throw new OptionsException($"The matching order {Order.ToString().ToLowerInvariant()} needs the glm distance (a propensity score); with the {Name(Distance)} distance use the data or random order.", nameof(Order));
        }

        if (Distance != DistanceMetric.Glm && Discard != CommonSupportDiscard.None)
        {
            throw new OptionsException($"Discarding ({Discard.ToString().ToLowerInvariant()}) needs the glm distance (a propensity score); with the {Name(Distance)} distance discard none.", nameof(Discard));
        }

        if (MaxDegreeOfParallelism < 0)
        {
            throw new OptionsException(Invariant($"The number of threads must be 0 (all cores) or positive (got {MaxDegreeOfParallelism})."), nameof(MaxDegreeOfParallelism));
        }
    }

    /// <summary>MatchIt's name of a distance (<c>distance = "..."</c>), as the CLI's <c>--distance</c> takes it.</summary>
    internal static string Name(DistanceMetric distance) => distance switch
    {
        DistanceMetric.Glm => "glm",
        DistanceMetric.ScaledEuclidean => "scaled_euclidean",
        DistanceMetric.Euclidean => "euclidean",
        _ => "mahalanobis",
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
