using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GlobalMidt.Effects.Simulation;

/// <summary>Writes a <see cref="SimulatedProgramme"/> as the data contract's files: UTF-8 without BOM, LF, invariant numbers.</summary>
internal static class SimulationWriter
{
    public const string FirmsFile = "firms.csv";
    public const string ParticipantsFile = "participants.csv";
    public const string BudgetsFile = "budgets.csv";
    public const string TruthFile = "truth.json";
    public const string FirmsHeader = "firm_id,period,municipality,region,industry,sector,fte,turnover";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static SimulationFiles Write(SimulatedProgramme programme, string directory, bool gzip)
    {
        Directory.CreateDirectory(directory);
        string firmsPath = Path.Combine(directory, gzip ? FirmsFile + ".gz" : FirmsFile);
        string participantsPath = Path.Combine(directory, ParticipantsFile);
        string budgetsPath = Path.Combine(directory, BudgetsFile);
        string truthPath = Path.Combine(directory, TruthFile);

        long rows;
        using (var file = new FileStream(firmsPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            if (gzip)
            {
                using var zip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
                rows = WriteFirms(programme, zip);
            }
            else
            {
                rows = WriteFirms(programme, file);
            }
        }

        using (var w = NewWriter(participantsPath))
        {
            w.Write("firm_id,project_id,group\n");
            foreach (var p in programme.Participants)
            {
                w.Write(Csv(p.FirmId));
                w.Write(',');
                w.Write(Csv(p.ProjectId));
                w.Write(',');
                w.Write(Csv(p.Group));
                w.Write('\n');
            }
        }

        using (var w = NewWriter(budgetsPath))
        {
            w.Write("group,budget_mdkk\n");
            foreach (var b in programme.Budgets)
            {
                w.Write(Csv(b.Group));
                w.Write(',');
                w.Write(b.BudgetMdkk.ToString("0.0#####", CultureInfo.InvariantCulture));
                w.Write('\n');
            }
        }

        using (var file = new FileStream(truthPath, FileMode.Create, FileAccess.Write))
        {
            programme.Truth.WriteJson(file);
        }

        return new SimulationFiles(
            directory, firmsPath, participantsPath, budgetsPath, truthPath, rows, programme.Participants.Count, programme.Budgets.Count);
    }

    private static StreamWriter NewWriter(string path) => new(path, append: false, Utf8NoBom) { NewLine = "\n" };

    /// <summary>Streams the firm panel; each row is formatted into a reused buffer (no per-row strings).</summary>
    private static long WriteFirms(SimulatedProgramme programme, Stream stream)
    {
        var panel = programme.Panel;
        var tables = RegisterSimulator.Tables.Instance;
        using var w = new StreamWriter(stream, Utf8NoBom, 1 << 16, leaveOpen: true);
        w.Write(FirmsHeader);
        w.Write(programme.HasExport ? ",export\n" : "\n");

        // Pre-built row pieces: ",<period>," per period and ",<municipality>,<region>,<industry>,<sector>," per firm.
        var periodText = panel.Periods.Select(p => "," + p.ToString() + ",").ToArray();
        var municipalityText = DanishGeography.Municipalities
            .Select(m => Csv(m.Code) + "," + Csv(DanishGeography.Regions[m.Region]) + ",")
            .ToArray();
        Span<char> buffer = stackalloc char[64];
        long rows = 0;
        for (int f = 0; f < panel.FirmCount; f++)
        {
            string municipality = municipalityText[panel.Municipality[f]];
            string industry = tables.IndustryCodes[panel.Industry[f]];
            string sector = panel.IsPublic[f] ? ",public," : ",private,";
            panel.Ids[f].TryFormat(buffer, out int idLength, "D8", CultureInfo.InvariantCulture);
            for (int p = 0; p < panel.PeriodCount; p++)
            {
                if (!programme.IsPresent(f, p))
                {
                    continue;
                }

                w.Write(buffer[..idLength]);
                w.Write(periodText[p]);
                w.Write(municipality);
                w.Write(industry);
                w.Write(sector);
                int len = FormatFixed(programme.FteHundredths(f, p), 2, buffer[idLength..]);
                w.Write(buffer.Slice(idLength, len));
                w.Write(',');
                len = FormatFixed(programme.TurnoverTenths(f, p), 1, buffer[idLength..]);
                w.Write(buffer.Slice(idLength, len));
                if (programme.HasExport)
                {
                    w.Write(',');
                    len = FormatFixed(programme.ExportTenths(f, p), 1, buffer[idLength..]);
                    w.Write(buffer.Slice(idLength, len));
                }

                w.Write('\n');
                rows++;
            }
        }

        return rows;
    }

    /// <summary>
    /// Formats <c>value / 10^decimals</c> with at most <paramref name="decimals"/> decimals and no trailing zeros
    /// (<c>1250, 2</c> gives <c>12.5</c>; <c>1200, 2</c> gives <c>12</c>), invariantly.
    /// </summary>
    internal static int FormatFixed(long value, int decimals, Span<char> destination)
    {
        long scale = decimals == 2 ? 100 : 10;
        long whole = value / scale;
        long fraction = value % scale;
        whole.TryFormat(destination, out int len, default, CultureInfo.InvariantCulture);
        if (fraction == 0)
        {
            return len;
        }

        destination[len++] = '.';
        if (decimals == 2)
        {
            destination[len++] = (char)('0' + (fraction / 10));
            if (fraction % 10 != 0)
            {
                destination[len++] = (char)('0' + (fraction % 10));
            }
        }
        else
        {
            destination[len++] = (char)('0' + fraction);
        }

        return len;
    }

    /// <summary>A CSV field: quoted (RFC 4180) only when it holds a comma, quote or line break.</summary>
    internal static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
