using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>
/// The bootstrap of propensity subclasses (<see cref="SubclassBootstrap"/>), checked by hand: when every control of a
/// subclass has the same values, resampling the controls changes nothing, and each replicate's pairwise effect is the
/// sum of the drawn participants' own effects (Y1 - Y0 x the subclass's ratio).
/// </summary>
public sealed class SubclassBootstrapTests
{
    [Fact]
    public void IdenticalControls_ReplicatesAreTheParticipantDrawsOnly()
    {
        // Firms 0-3 participants; subclass A = participants 0, 1 with controls 4, 5, 6 (10 -> 12, ratio 1.2),
        // subclass B = participants 2, 3 with controls 7, 8, 9 (5 -> 5, ratio 1).
        double[] y0 = [10, 20, 4, 8, 10, 10, 10, 5, 5, 5];
        double[] y1 = [15, 22, 6, 7, 12, 12, 12, 5, 5, 5];
        double[] own = [15 - (10 * 1.2), 22 - (20 * 1.2), 6 - 4, 7 - 8]; // 3, -2, 2, -1
        var sample = MatchedSample.OfPairs([0, 1, 2, 3], [0, 3, 6, 9, 12], [4, 5, 6, 4, 5, 6, 7, 8, 9, 7, 8, 9], 10);
        const int replicates = 200;
        const ulong seed = 99;

        var interval = SubclassBootstrap.PercentileIntervals(sample, [(y0, y1)], replicates, 0.95, seed, EffectEstimator.Pairwise)[0];

        // The same stream by hand: per replicate 4 participant draws, then 3 control draws in each of the 2 subclasses.
        var rng = new Xoshiro256StarStar(seed);
        var effects = new double[replicates];
        for (int b = 0; b < replicates; b++)
        {
            for (int i = 0; i < 4; i++)
            {
                effects[b] += own[rng.NextInt(4)];
            }

            for (int i = 0; i < 6; i++)
            {
                rng.NextInt(3);
            }
        }

        Array.Sort(effects);
        Assert.Equal(EffectBootstrap.Quantile7(effects, 0.025), interval.Low, 1e-12);
        Assert.Equal(EffectBootstrap.Quantile7(effects, 0.975), interval.High, 1e-12);
        Assert.True(interval.Low < interval.High);
    }

    [Fact]
    public void DifferentControls_WidenTheInterval()
    {
        // Same participants; in subclass A the controls now grow by 0 %, 20 % and 40 % (ratio 1.2 on the whole
        // sample, as before): resampling them adds their noise, so with the same seed (the same participant draws)
        // the interval comes out wider than with identical controls.
        double[] y0 = [10, 20, 4, 8, 10, 10, 10, 5, 5, 5];
        double[] same = [15, 22, 6, 7, 12, 12, 12, 5, 5, 5];
        double[] spread = [15, 22, 6, 7, 10, 12, 14, 5, 5, 5];
        var sample = MatchedSample.OfPairs([0, 1, 2, 3], [0, 3, 6, 9, 12], [4, 5, 6, 4, 5, 6, 7, 8, 9, 7, 8, 9], 10);
        var fixedWidth = SubclassBootstrap.PercentileIntervals(sample, [(y0, same)], 999, 0.95, 7, EffectEstimator.Pairwise)[0];
        var noisyWidth = SubclassBootstrap.PercentileIntervals(sample, [(y0, spread)], 999, 0.95, 7, EffectEstimator.Pairwise)[0];
        Assert.True(noisyWidth.High - noisyWidth.Low > fixedWidth.High - fixedWidth.Low);
    }
}
