using System.Numerics;
using System.Runtime.CompilerServices;

namespace GlobalMidt.Effects.Randomness;

/// <summary>
/// The xoshiro256** pseudo-random generator of Blackman and Vigna, seeded with SplitMix64: a small, fast generator
/// whose sequence is fixed by its published algorithm, so the same seed gives the same numbers on every .NET version
/// (unlike <see cref="System.Random"/>, whose sequence is not guaranteed).
/// </summary>
/// <remarks>
/// Seeding follows the authors' recommendation: the four state words are four successive SplitMix64 outputs from the
/// 64-bit seed. <see cref="NextDouble"/> takes the upper 53 bits (<c>(next() &gt;&gt; 11) * 2^-53</c>), as in the
/// reference code. The test compares the first outputs with the reference C implementation
/// (<c>https://prng.di.unimi.it/xoshiro256starstar.c</c>). R's and NumPy's default generators are different
/// algorithms (Mersenne Twister, PCG64), so their sequences do not match this one.
/// Not thread-safe: give each thread (or each firm) its own instance, e.g. with <see cref="ForStream"/>.
/// </remarks>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a generator from a 64-bit seed (any value, including 0).</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64.Next(ref x);
        _s1 = SplitMix64.Next(ref x);
        _s2 = SplitMix64.Next(ref x);
        _s3 = SplitMix64.Next(ref x);
    }

    /// <summary>
    /// A generator for stream <paramref name="stream"/> of a run seeded with <paramref name="seed"/>: independent
    /// streams (one per firm, per group...) that do not depend on how many numbers other streams drew.
    /// </summary>
    public static Xoshiro256StarStar ForStream(ulong seed, ulong stream) =>
        new(SplitMix64.Mix(seed ^ SplitMix64.Mix(stream + 0x632BE59BD9B4E019UL)));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Step(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>One step of the generator on the given state: its output, the state advanced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        ulong result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Per i, skips <paramref name="skips"/>[i] outputs and then draws -log(<see cref="NextOpenDouble"/>)
    /// into <paramref name="exponentials"/>[i]: the same stream and bits as those calls one by one, the state kept
    /// in locals.</summary>
    internal void SkipAndDrawExponentials(ReadOnlySpan<int> skips, Span<double> exponentials)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < skips.Length; i++)
        {
            ulong x = 0;
            for (int g = skips[i]; g >= 0; g--)
            {
                x = Step(ref s0, ref s1, ref s2, ref s3);
            }

            exponentials[i] = -Math.Log(((x >> 11) + 0.5) * (1.0 / (1UL << 53)));
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1): never 0, so its logarithm is finite.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    /// <param name="maxExclusive">Upper bound, at least 1.</param>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        ulong range = (ulong)maxExclusive;
        ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }

    /// <summary>
    /// Adds 1 to <c>counts[NextInt(counts.Length)]</c>, <c>counts.Length</c> times: the draws of that loop (the same
    /// numbers, the generator left in the same state), with the state kept in registers.
    /// </summary>
    internal void AddDrawCounts(Span<int> counts)
    {
        int n = counts.Length;
        if (n == 0)
        {
            return;
        }

        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        ulong range = (ulong)n;
        ulong threshold = (0UL - range) % range;
        for (int i = 0; i < n; i++)
        {
            ulong product;
            ulong low;
            do
            {
                ulong x = BitOperations.RotateLeft(s1 * 5, 7) * 9;
                ulong t = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= t;
                s3 = BitOperations.RotateLeft(s3, 45);
                product = Math.BigMul(x, range, out low);
            }
            while (low < threshold);

            counts[(int)product]++;
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool NextBernoulli(double probability) => NextDouble() < probability;

    /// <summary>
    /// A standard normal draw (mean 0, standard deviation 1) by Marsaglia's polar method; the second value of each
    /// pair is kept for the next call.
    /// </summary>
    /// <remarks>Same distribution as R's <c>rnorm()</c>, but a different sequence (R uses inversion).</remarks>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>A normal draw with the given mean and standard deviation.</summary>
    public double NextNormal(double mean, double standardDeviation) => mean + (standardDeviation * NextNormal());

    /// <summary>A lognormal draw: <c>exp(N(meanLog, sdLog))</c>, as R's <c>rlnorm(meanlog, sdlog)</c>.</summary>
    public double NextLogNormal(double meanLog, double sdLog) => Math.Exp(NextNormal(meanLog, sdLog));

    /// <summary>An exponential draw with the given rate (mean 1 / rate), by inversion.</summary>
    public double NextExponential(double rate) => -Math.Log(NextOpenDouble()) / rate;
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): the seeding generator of <see cref="Xoshiro256StarStar"/> and a good
/// 64-bit hash (<see cref="Mix"/>) for deriving independent seeds and per-item uniforms.
/// </summary>
internal struct SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>A SplitMix64 sequence starting at <paramref name="seed"/> (as a generator of its own).</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits of this sequence.</summary>
    public ulong Next() => Next(ref _state);

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        ulong b = (ulong)bound;
        ulong threshold = (0UL - b) % b;
        while (true)
        {
            ulong hi = Math.BigMul(Next(), b, out ulong lo);
            if (lo >= threshold)
            {
                return (int)hi;
            }
        }
    }

    /// <summary>Advances the state and returns the next output (the reference <c>splitmix64.c</c> <c>next()</c>).</summary>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Finalize(state);
    }

    /// <summary>The SplitMix64 output function applied to <c>value + golden gamma</c>: a bijective 64-bit hash.</summary>
    public static ulong Mix(ulong value) => Finalize(value + Gamma);

    /// <summary>A uniform double in (0, 1) determined by a hash of the three keys: the same keys give the same value.</summary>
    public static double Uniform(ulong seed, ulong key1, ulong key2)
    {
        ulong h = Mix(seed ^ Mix(key1 ^ Mix(key2)));
        return ((h >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
