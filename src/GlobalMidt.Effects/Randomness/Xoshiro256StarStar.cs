using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>The four state words (for <see cref="Xoshiro256StarStarLanes"/>).</summary>
    internal (ulong S0, ulong S1, ulong S2, ulong S3) State => (_s0, _s1, _s2, _s3);

    /// <summary>One step of the generator on the given state: its output, the state advanced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Step(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
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

    /// <summary>
    /// A standard exponential draw (mean 1) by the ziggurat method of Marsaglia and Tsang (2000): one 64-bit output
    /// picks a layer (its lowest 8 bits) and a point in it (its upper 53 bits), accepted at once in about 98.9 % of
    /// draws; the rest go to the wedge test or the tail (<see cref="ExponentialZiggurat"/>). About twice as fast as
    /// <c>-log(U)</c> (<see cref="NextExponential"/>, which the register simulator keeps; RandomDrawBenchmarks), with
    /// another sequence.
    /// </summary>
    public double NextStandardExponential()
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        double x = StandardExponential(ref s0, ref s1, ref s2, ref s3);
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
        return x;
    }

    /// <summary><see cref="NextStandardExponential"/> into every element of <paramref name="values"/>, in order: the
    /// same numbers as those calls one by one, the state kept in locals.</summary>
    internal void FillStandardExponentials(Span<double> values)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = StandardExponential(ref s0, ref s1, ref s2, ref s3);
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double StandardExponential(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        ulong u = Step(ref s0, ref s1, ref s2, ref s3);
        nuint layer = (nuint)(u & 0xFF);
        ulong m = u >> 11;

        // The layer is below 256, the tables' length: read without bounds checks.
        return m < Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ExponentialZiggurat.Inner), layer)
            ? (long)m * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ExponentialZiggurat.Width), layer)
            : StandardExponentialOutside((int)layer, m, ref s0, ref s1, ref s2, ref s3);
    }

    /// <summary>A draw whose point fell outside its layer's inner box: the tail beyond the base layer's edge
    /// (exponential again, memoryless) or the wedge test under the curve, else a fresh draw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static double StandardExponentialOutside(int layer, ulong m, ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        while (true)
        {
            if (layer == 0)
            {
                ulong t = Step(ref s0, ref s1, ref s2, ref s3);
                return ExponentialZiggurat.TailStart - Math.Log(((t >> 11) + 0.5) * (1.0 / (1UL << 53)));
            }

            double x = (long)m * ExponentialZiggurat.Width[layer];
            double bottom = ExponentialZiggurat.Density[layer];
            double top = ExponentialZiggurat.Density[layer + 1];
            double y = bottom + (((Step(ref s0, ref s1, ref s2, ref s3) >> 11) * (1.0 / (1UL << 53))) * (top - bottom));
            if (y < Math.Exp(-x))
            {
                return x;
            }

            ulong u = Step(ref s0, ref s1, ref s2, ref s3);
            layer = (int)(u & 0xFF);
            m = u >> 11;
            if (m < ExponentialZiggurat.Inner[layer])
            {
                return (long)m * ExponentialZiggurat.Width[layer];
            }
        }
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
                product = Math.BigMul(Step(ref s0, ref s1, ref s2, ref s3), range, out low);
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
/// Four <see cref="Xoshiro256StarStar"/> generators stepped together, one per lane of a <see cref="Vector256{T}"/>
/// (the multiplications by 5 and 9 as shifts and adds): lane l gives exactly the numbers of
/// <see cref="Xoshiro256StarStar.ForStream"/>(seed, first stream + l), written lane-interleaved as the bootstrap of
/// the controls lays out its four replicates, without a copy per lane. Per number faster than one generator
/// (RandomDrawBenchmarks, 2026-11-30, 08:40 UTC: exponentials 2.55 against 4.42 ns, counts 1.43 against 3.18 ns,
/// whose interleaved array spans four times the memory): the box test, the bounded product and the conversions run
/// on all lanes at once. Draws that need more numbers than one per lane (a rejected bounded integer, an exponential
/// outside its layer's box) continue that lane alone on its own state, which goes to that rare path and back by
/// value or through a copy on the stack: passed by reference, the states of every lane would live in memory, not in
/// registers, throughout the loops (earlier on 2026-11-30: 2.99 ns per count, 4.02 ns per exponential).
/// </summary>
internal sealed class Xoshiro256StarStarLanes
{
    /// <summary>Generators side by side.</summary>
    public const int Count = 4;

    private Vector256<ulong> _s0;
    private Vector256<ulong> _s1;
    private Vector256<ulong> _s2;
    private Vector256<ulong> _s3;

    /// <summary>Streams <paramref name="firstStream"/> .. <paramref name="firstStream"/> + 3 of
    /// <paramref name="seed"/>.</summary>
    public static Xoshiro256StarStarLanes ForStreams(ulong seed, ulong firstStream)
    {
        Span<ulong> state = stackalloc ulong[4 * Count];
        for (int l = 0; l < Count; l++)
        {
            var (s0, s1, s2, s3) = Xoshiro256StarStar.ForStream(seed, firstStream + (ulong)l).State;
            state[l] = s0;
            state[Count + l] = s1;
            state[(2 * Count) + l] = s2;
            state[(3 * Count) + l] = s3;
        }

        return new Xoshiro256StarStarLanes
        {
            _s0 = Vector256.Create<ulong>(state[..Count]),
            _s1 = Vector256.Create<ulong>(state[Count..(2 * Count)]),
            _s2 = Vector256.Create<ulong>(state[(2 * Count)..(3 * Count)]),
            _s3 = Vector256.Create<ulong>(state[(3 * Count)..]),
        };
    }

    /// <summary>
    /// Per lane l, <see cref="Xoshiro256StarStar.AddDrawCounts"/> on that lane's generator with n =
    /// <paramref name="n"/>, its counts at <c>counts[k * stride + offset + l]</c> (lane-interleaved, n x stride
    /// elements: with a stride of 8, two generators fill the offsets 0 and 4).
    /// </summary>
    /// <param name="counts">The counts, n x <paramref name="stride"/> elements.</param>
    /// <param name="n">Draws per lane, and the range of each draw.</param>
    /// <param name="stride">Elements per k: 4 or 8.</param>
    /// <param name="offset">Where lane 0's count of each k is: 0, or 4 with a stride of 8.</param>
    public void AddDrawCounts(Span<int> counts, int n, int stride = Count, int offset = 0)
    {
        if (!IsLayout(stride, offset) || counts.Length != n * stride)
        {
            throw new ArgumentException("The counts need n x stride elements, the stride 4 or 8, the offset 0 or stride - 4.", nameof(counts));
        }

        if (n == 0)
        {
            return;
        }

        var (s0, s1, s2, s3) = (_s0, _s1, _s2, _s3);
        ulong range = (ulong)n;
        ulong threshold = (0UL - range) % range;
        if (Avx2.IsSupported)
        {
            // Math.BigMul(u, n) of every lane at once: n < 2^31, so u x n = (u_hi x n) 2^32 + u_lo x n with two 32 x 32
            // bit products; its high word is the draw, its low word is tested against the threshold (rarely below).
            var vrange = Vector256.Create(range).AsUInt32();
            var vthreshold = Vector256.Create(threshold);
            int shift = BitOperations.Log2((uint)stride);
            var laneOffset = Vector256.Create(0UL, 1, 2, 3) + Vector256.Create((ulong)offset);
            var low32 = Vector256.Create(0xFFFF_FFFFUL);
            ref int at = ref MemoryMarshal.GetReference(counts);
            for (int i = 0; i < n; i++)
            {
                var u = Step(ref s0, ref s1, ref s2, ref s3);
                var productLow = Avx2.Multiply(u.AsUInt32(), vrange);
                var middle = Avx2.Multiply((u >> 32).AsUInt32(), vrange) + (productLow >> 32);
                var low = (middle << 32) | (productLow & low32);
                var index = ((middle >> 32) << shift) + laneOffset;
                if (Vector256.LessThan(low, vthreshold) != Vector256<ulong>.Zero)
                {
                    for (int l = 0; l < Count; l++)
                    {
                        ulong product = middle.GetElement(l) >> 32;
                        if (low.GetElement(l) < threshold)
                        {
                            (product, s0, s1, s2, s3) = RedrawBounded(l, range, threshold, s0, s1, s2, s3);
                        }

                        index = index.WithElement(l, (product << shift) + (ulong)(offset + l));
                    }
                }

                Unsafe.Add(ref at, (nint)index.GetElement(0))++;
                Unsafe.Add(ref at, (nint)index.GetElement(1))++;
                Unsafe.Add(ref at, (nint)index.GetElement(2))++;
                Unsafe.Add(ref at, (nint)index.GetElement(3))++;
            }

            (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
            return;
        }

        Span<ulong> u4 = stackalloc ulong[Count];
        for (int i = 0; i < n; i++)
        {
            Step(ref s0, ref s1, ref s2, ref s3).CopyTo(u4);
            for (int l = 0; l < Count; l++)
            {
                ulong product = Math.BigMul(u4[l], range, out ulong low);
                if (low < threshold)
                {
                    (product, s0, s1, s2, s3) = RedrawBounded(l, range, threshold, s0, s1, s2, s3);
                }

                counts[((int)product * stride) + offset + l]++;
            }
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// Per lane l, <see cref="Xoshiro256StarStar.NextStandardExponential"/> of that lane's generator into
    /// <c>values[k * 4 + l]</c>, k = 0, 1, ... (lane-interleaved; the length a multiple of 4).
    /// </summary>
    public void FillStandardExponentials(Span<double> values) => FillStandardExponentials(values, Count, 0);

    /// <summary>
    /// As <see cref="FillStandardExponentials(Span{double})"/> into <c>values[k * stride + offset + l]</c>: with a
    /// stride of 8, two generators fill the offsets 0 and 4.
    /// </summary>
    public void FillStandardExponentials(Span<double> values, int stride, int offset)
    {
        if (!IsLayout(stride, offset) || values.Length % stride != 0)
        {
            throw new ArgumentException("The values need a multiple of stride elements, the stride 4 or 8, the offset 0 or stride - 4.", nameof(values));
        }

        var (s0, s1, s2, s3) = (_s0, _s1, _s2, _s3);
        ref ulong inner = ref MemoryMarshal.GetArrayDataReference(ExponentialZiggurat.Inner);
        ref double width = ref MemoryMarshal.GetArrayDataReference(ExponentialZiggurat.Width);
        ref double first = ref MemoryMarshal.GetReference(values);
        Span<ulong> state = stackalloc ulong[4 * Count];
        for (int k = offset; k < values.Length; k += stride)
        {
            // Every lane at once: its layer (the low byte, below 256: the tables read without bounds checks), its
            // 53-bit m, m x the layer's width where m falls in the layer's inner box (m < 2^53: exact as a double).
            var u = Step(ref s0, ref s1, ref s2, ref s3);
            var m = u >> 11;
            var layers = u & Vector256.Create(0xFFUL);
            nuint l0 = (nuint)layers.GetElement(0), l1 = (nuint)layers.GetElement(1), l2 = (nuint)layers.GetElement(2), l3 = (nuint)layers.GetElement(3);
            var innerBox = Vector256.Create(Unsafe.Add(ref inner, l0), Unsafe.Add(ref inner, l1), Unsafe.Add(ref inner, l2), Unsafe.Add(ref inner, l3));
            var widths = Vector256.Create(Unsafe.Add(ref width, l0), Unsafe.Add(ref width, l1), Unsafe.Add(ref width, l2), Unsafe.Add(ref width, l3));
            (Vector256.ConvertToDouble(m.AsInt64()) * widths).StoreUnsafe(ref first, (nuint)k);
            uint outside = (~Vector256.LessThan(m.AsInt64(), innerBox.AsInt64())).ExtractMostSignificantBits();
            if (outside != 0)
            {
                // Rare (about 1 % of the lanes): each such lane continues alone on its own state, the lanes' states
                // copied to the stack and back (a reference to the vectors themselves would keep them in memory).
                s0.StoreUnsafe(ref state[0]);
                s1.StoreUnsafe(ref state[Count]);
                s2.StoreUnsafe(ref state[2 * Count]);
                s3.StoreUnsafe(ref state[3 * Count]);
                do
                {
                    int l = BitOperations.TrailingZeroCount(outside);
                    outside &= outside - 1;
                    values[k + l] = Xoshiro256StarStar.StandardExponentialOutside(
                        (int)(u.GetElement(l) & 0xFF), m.GetElement(l), ref state[l], ref state[Count + l], ref state[(2 * Count) + l], ref state[(3 * Count) + l]);
                }
                while (outside != 0);

                s0 = Vector256.LoadUnsafe(ref state[0]);
                s1 = Vector256.LoadUnsafe(ref state[Count]);
                s2 = Vector256.LoadUnsafe(ref state[2 * Count]);
                s3 = Vector256.LoadUnsafe(ref state[3 * Count]);
            }
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>One step of every lane: <see cref="Xoshiro256StarStar.Step"/> lane by lane (x 5 = (x &lt;&lt; 2) + x,
    /// x 9 = (x &lt;&lt; 3) + x, modulo 2^64 as the scalar products).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Step(ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        var times5 = (s1 << 2) + s1;
        var rotated = (times5 << 7) | (times5 >> 57);
        var result = (rotated << 3) + rotated;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 45) | (s3 >> 19);
        return result;
    }

    /// <summary>A stride of 4 with offset 0, or of 8 with offset 0 or 4 (two generators side by side).</summary>
    private static bool IsLayout(int stride, int offset) =>
        (stride == Count && offset == 0) || (stride == 2 * Count && (offset == 0 || offset == Count));

    /// <summary>Lane <paramref name="lane"/>'s bounded integer after a rejected one: its own next numbers until one
    /// is accepted, as the scalar loop; returns it with the lanes' states. The states go in and out by value: a
    /// reference to them would keep the callers' hot loops from holding them in registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ulong Product, Vector256<ulong> S0, Vector256<ulong> S1, Vector256<ulong> S2, Vector256<ulong> S3) RedrawBounded(int lane, ulong range, ulong threshold, Vector256<ulong> s0, Vector256<ulong> s1, Vector256<ulong> s2, Vector256<ulong> s3)
    {
        ulong a = s0.GetElement(lane), b = s1.GetElement(lane), c = s2.GetElement(lane), d = s3.GetElement(lane);
        ulong product;
        ulong low;
        do
        {
            product = Math.BigMul(Xoshiro256StarStar.Step(ref a, ref b, ref c, ref d), range, out low);
        }
        while (low < threshold);

        return (product, s0.WithElement(lane, a), s1.WithElement(lane, b), s2.WithElement(lane, c), s3.WithElement(lane, d));
    }
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

/// <summary>
/// The tables of the exponential ziggurat (Marsaglia and Tsang 2000, "The ziggurat method for generating random
/// variables", J. Stat. Softw. 5(8)): 256 layers of equal area V under f(x) = e^-x. Edges X_1 = r = 7.697..., X_(i+1)
/// = -log(V / X_i + f(X_i)) down to X_256 = 0; layer i >= 1 is the box [0, X_i) x [f(X_i), f(X_(i+1))], layer 0 the
/// box [0, r) x [0, f(r)) plus the tail beyond r, drawn as a box of width X_0 = V / f(r) whose part beyond r stands
/// for the tail.
/// </summary>
internal static class ExponentialZiggurat
{
    /// <summary>r, the base layer's right edge and the start of the tail.</summary>
    internal const double TailStart = 7.69711747013104972;

    /// <summary>V, every layer's area: (r + 1) e^-r.</summary>
    internal const double LayerArea = 0.0039496598225815571993;

    private const int Layers = 256;

    /// <summary>X_0 .. X_256.</summary>
    internal static readonly double[] Edges = BuildEdges();

    /// <summary>Per layer, X_i 2^-53: a draw's 53 bits m give the point m X_i 2^-53 in [0, X_i).</summary>
    internal static readonly double[] Width = [.. Enumerable.Range(0, Layers).Select(i => Edges[i] * (1.0 / (1UL << 53)))];

    /// <summary>Per layer, the m below which the point lies left of X_(i+1), under the curve: accepted at once.</summary>
    internal static readonly ulong[] Inner = [.. Enumerable.Range(0, Layers).Select(i => (ulong)(Edges[i + 1] / Edges[i] * (1UL << 53)))];

    /// <summary>f(X_i) per edge (the layer's bottom; 0 for the base layer, 1 at X_256 = 0).</summary>
    internal static readonly double[] Density = [.. Enumerable.Range(0, Layers + 1).Select(i => i == 0 ? 0 : Math.Exp(-Edges[i]))];

    private static double[] BuildEdges()
    {
        var edge = new double[Layers + 1];
        edge[0] = LayerArea / Math.Exp(-TailStart);
        edge[1] = TailStart;
        for (int i = 1; i < Layers - 1; i++)
        {
            edge[i + 1] = -Math.Log((LayerArea / edge[i]) + Math.Exp(-edge[i]));
        }

        edge[Layers] = 0;
        return edge;
    }
}
