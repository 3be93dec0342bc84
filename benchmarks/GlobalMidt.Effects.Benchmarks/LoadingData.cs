using System.Globalization;
using System.Text;

namespace GlobalMidt.Effects.Benchmarks;

/// <summary>
/// Writes a synthetic register extract for the loading benchmarks: fixed-seed SplitMix64, firms in id order,
/// one row per period the firm exists (about 8% of firms enter late or exit early), 98 municipalities in
/// 5 regions, 700 DB07 codes, 3% public firms, FTEs and turnover with two decimals.
/// </summary>
public static class LoadingData
{
    private static readonly string[] Regions =
        ["Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland", "Region Nordjylland"];

    /// <summary>Writes <paramref name="firms"/> firms over <paramref name="periods"/> annual periods from 2008.</summary>
    /// <returns>The number of data rows written.</returns>
    public static long Write(string path, int firms, int periods = 9, ulong seed = 20240611)
    {
        var rng = new SplitMix64(seed);
        var industries = new string[700];
        for (int i = 0; i < industries.Length; i++)
        {
            industries[i] = ((int)(rng.Next() % 990_000) + 10_000).ToString("D6", CultureInfo.InvariantCulture);
        }

        long rows = 0;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
        w.Write("firm_id,period,municipality,region,industry,sector,fte,turnover\n");
        var line = new StringBuilder(128);
        for (int f = 0; f < firms; f++)
        {
            long id = 10_000_000 + (f * 37L);
            int municipality = (int)(rng.Next() % 98);
            string region = Regions[municipality % 5];
            string industry = industries[rng.Next() % 700];
            string sector = rng.Next() % 100 < 3 ? "public" : "private";
            int first = 0;
            int last = periods - 1;
            if (rng.Next() % 100 < 8)
            {
                first = (int)(rng.Next() % (ulong)periods);
                last = first + (int)(rng.Next() % (ulong)(periods - first));
            }

            double fte = (rng.Next() % 5000) / 100.0;
            for (int p = first; p <= last; p++)
            {
                fte = Math.Round(fte * (0.9 + ((rng.Next() % 2000) / 10000.0)), 2);
                double turnover = Math.Round(fte * (500 + (rng.Next() % 150_000) / 100.0), 2);
                line.Clear();
                line.Append(id.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append((2008 + p).ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append((101 + (municipality * 8)).ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(region).Append(',').Append(industry).Append(',').Append(sector).Append(',')
                    .Append(fte.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(turnover.ToString(CultureInfo.InvariantCulture)).Append('\n');
                w.Write(line);
                rows++;
            }
        }

        return rows;
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): a small, version-stable generator.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
