using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GlobalMidt.Effects.Tests.Simulation;

/// <summary>
/// The generator's files read back with plain string splitting: an independent reader for recounting the truth.
/// </summary>
internal sealed class WrittenFiles
{
    public Dictionary<string, FirmHistory> Firms { get; } = new(StringComparer.Ordinal);

    public List<string> FirmLines { get; } = [];

    public Dictionary<string, HashSet<string>> GroupIds { get; } = new(StringComparer.Ordinal);

    public List<(string Firm, string Project, string Group)> ParticipantRows { get; } = [];

    public static WrittenFiles Read(string directory)
    {
        var files = new WrittenFiles();
        string plain = Path.Combine(directory, "firms.csv");
        string text = File.Exists(plain) ? File.ReadAllText(plain, Encoding.UTF8) : ReadGzip(plain + ".gz");
        var lines = text.Split('\n');
        Assert.Equal("firm_id,period,municipality,region,industry,sector,fte,turnover", lines[0]);
        Assert.Equal(string.Empty, lines[^1]);
        for (int i = 1; i < lines.Length - 1; i++)
        {
            files.FirmLines.Add(lines[i]);
            var c = lines[i].Split(',');
            Assert.Equal(8, c.Length);
            if (!files.Firms.TryGetValue(c[0], out var firm))
            {
                firm = new FirmHistory(c[0], c[2], c[3], c[4], c[5]);
                files.Firms.Add(c[0], firm);
            }

            firm.Values[c[1]] = (double.Parse(c[6], CultureInfo.InvariantCulture), double.Parse(c[7], CultureInfo.InvariantCulture));
        }

        var plines = File.ReadAllText(Path.Combine(directory, "participants.csv"), Encoding.UTF8).Split('\n');
        Assert.Equal("firm_id,project_id,group", plines[0]);
        for (int i = 1; i < plines.Length - 1; i++)
        {
            var c = plines[i].Split(',');
            files.ParticipantRows.Add((c[0], c[1], c[2]));
            if (!files.GroupIds.TryGetValue(c[2], out var set))
            {
                files.GroupIds[c[2]] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(c[0]);
        }

        return files;
    }

    private static string ReadGzip(string path)
    {
        using var file = File.OpenRead(path);
        using var zip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(zip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    internal sealed class FirmHistory(string id, string municipality, string region, string industry, string sector)
    {
        public string Id { get; } = id;

        public string Municipality { get; } = municipality;

        public string Region { get; } = region;

        public string Industry { get; } = industry;

        public string Sector { get; } = sector;

        public Dictionary<string, (double Fte, double Turnover)> Values { get; } = new(StringComparer.Ordinal);
    }
}
