using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Tests.Inference;

public class WeightedSharesTests
{
    [Fact]
    public void KishEffectiveSize_EqualWeightsGiveCount()
    {
        Assert.Equal(4.0, WeightedShares.KishEffectiveSize([0.25, 0.25, 0.25, 0.25]), 14);
        Assert.Equal(3.0, WeightedShares.KishEffectiveSize([7.0, 7.0, 7.0]), 14);
    }

    [Fact]
    public void KishEffectiveSize_UnequalWeights()
    {
        // (1 + 0.5 + 0.5)^2 / (1 + 0.25 + 0.25) = 4 / 1.5 (by hand; R: sum(w)^2/sum(w^2))
        Assert.Equal(4.0 / 1.5, WeightedShares.KishEffectiveSize([1.0, 0.5, 0.5]), 14);
        // one positive weight and zeros: 1
        Assert.Equal(1.0, WeightedShares.KishEffectiveSize([2.0, 0.0, 0.0]), 14);
        Assert.Equal(4.0 / 1.5, WeightedShares.KishEffectiveSize(new List<double> { 1.0, 0.5, 0.5 }), 14);
    }

    [Fact]
    public void KishEffectiveSize_HugeAndTinyWeightsDoNotOverflow()
    {
        Assert.Equal(2.0, WeightedShares.KishEffectiveSize([1e200, 1e200]), 12);
        Assert.Equal(2.0, WeightedShares.KishEffectiveSize([1e-200, 1e-200]), 12);
    }

    [Fact]
    public void KishEffectiveSize_EmptyOrAllZeroIsZero()
    {
        Assert.Equal(0.0, WeightedShares.KishEffectiveSize(ReadOnlySpan<double>.Empty));
        Assert.Equal(0.0, WeightedShares.KishEffectiveSize([0.0, 0.0]));
    }

    [Fact]
    public void KishEffectiveSize_RejectsNegativeAndNaN()
    {
        var ex = Assert.Throws<ArgumentException>("weights", () => WeightedShares.KishEffectiveSize([1.0, -1.0]));
        Assert.Contains("Weight 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("weights", () => WeightedShares.KishEffectiveSize([double.NaN]));
        Assert.Throws<ArgumentException>("weights", () => WeightedShares.KishEffectiveSize([double.PositiveInfinity]));
    }

    [Fact]
    public void Compute_WeightedShareAndEffectiveSize()
    {
        // weights 1, 1, 0.5, 0.5 (two controls sharing a participant), outcomes yes, no, yes, no:
        // share = (1 + 0.5) / 3 = 0.5; n_eff = 9 / 2.5 = 3.6 (by hand)
        var s = WeightedShares.Compute([1.0, 1.0, 0.5, 0.5], [true, false, true, false]);
        Assert.Equal(0.5, s.Share, 14);
        Assert.Equal(3.0, s.SumOfWeights, 14);
        Assert.Equal(3.6, s.EffectiveN, 14);
        Assert.Equal(4, s.Count);
    }

    [Fact]
    public void Compute_ZeroWeightUnitsDoNotCount()
    {
        var s = WeightedShares.Compute(new List<double> { 2.0, 0.0, 2.0 }, new List<bool> { true, true, false });
        Assert.Equal(0.5, s.Share, 14);
        Assert.Equal(2, s.Count);
        Assert.Equal(2.0, s.EffectiveN, 14);
    }

    [Fact]
    public void Compute_RejectsLengthMismatchAndNoPositiveWeight()
    {
        Assert.Throws<ArgumentException>("outcomes", () => WeightedShares.Compute([1.0], [true, false]));
        Assert.Throws<ArgumentException>("weights", () => WeightedShares.Compute([0.0], [true]));
        Assert.Throws<ArgumentException>("weights", () => WeightedShares.Compute(ReadOnlySpan<double>.Empty, ReadOnlySpan<bool>.Empty));
    }
}
