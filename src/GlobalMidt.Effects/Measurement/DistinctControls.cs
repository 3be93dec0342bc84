using System.Runtime.InteropServices;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// The distinct controls in firm order: for each its MatchIt weight, its number of uses and its first pair entry;
/// for each pair entry the index of its control.
/// </summary>
internal sealed class DistinctControls
{
    public required int[] Firms { get; init; }

    /// <summary>MatchIt's weight of each distinct control: <see cref="RawWeight"/> rescaled to sum to the number of distinct controls.</summary>
    public required double[] Weight { get; init; }

    /// <summary>Per distinct control the sum over its uses of 1/k (k = controls of that participant), summed in pair order.</summary>
    public required double[] RawWeight { get; init; }

    public required int[] Uses { get; init; }

    public required int[] FirstEntry { get; init; }

    public required int[] OfEntry { get; init; }

    /// <summary>
    /// Groups the pair entries by control (sorted by control, then entry, so sums run in a fixed order). The raw
    /// weight of a control is the sum of its participants' shares 1/k (<see cref="MatchWeights.PairShares"/>);
    /// MatchIt rescales it so the control weights sum to the number of distinct controls
    /// (<see cref="MatchWeights.RescaleToDistinct"/>).
    /// </summary>
    public static DistinctControls Create(ReadOnlySpan<int> offsets, int[] controls, double[] pairShares)
    {
        int participants = pairShares.Length;
        int n = controls.Length;
        var share = new double[n];
        for (int t = 0; t < participants; t++)
        {
            share.AsSpan(offsets[t], offsets[t + 1] - offsets[t]).Fill(pairShares[t]);
        }

        var keys = new long[n];
        for (int j = 0; j < n; j++)
        {
            keys[j] = ((long)controls[j] << 32) | (uint)j;
        }

        Array.Sort(keys);
        var firms = new List<int>();
        var raw = new List<double>();
        var uses = new List<int>();
        var first = new List<int>();
        var ofEntry = new int[n];
        for (int i = 0; i < n; i++)
        {
            int control = (int)(keys[i] >> 32);
            int entry = (int)(keys[i] & 0xFFFFFFFF);
            if (firms.Count == 0 || firms[^1] != control)
            {
                firms.Add(control);
                raw.Add(0);
                uses.Add(0);
                first.Add(entry);
            }

            raw[^1] += share[entry];
            uses[^1]++;
            ofEntry[entry] = firms.Count - 1;
        }

        var weight = MatchWeights.RescaleToDistinct(CollectionsMarshal.AsSpan(raw), participants);
        return new DistinctControls { Firms = [.. firms], Weight = weight, RawWeight = [.. raw], Uses = [.. uses], FirstEntry = [.. first], OfEntry = ofEntry };
    }
}
