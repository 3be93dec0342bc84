namespace GlobalMidt.Effects.Matching;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, version-stable generator, so a seed gives the same sequence on
/// every .NET version (System.Random does not promise that).
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    /// <summary>Starts the sequence at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ulong b = (ulong)bound;
        ulong threshold = (0UL - b) % b;
        while (true)
        {
            ulong r = Next();
            ulong hi = Math.BigMul(r, b, out ulong lo);
            if (lo >= threshold)
            {
                return (int)hi;
            }
        }
    }
}
