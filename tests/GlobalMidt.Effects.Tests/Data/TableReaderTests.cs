using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>
/// The one table reader (issue 11): the six kinds of table (register, participants, budgets, matching table, balance
/// input, published tables) read a ';'-, tab-, BOM-, fully quoted or CRLF variant of a comma-separated file exactly as
/// the comma file; and a quoted field holding the delimiter and a doubled quote is one value in each of them.
/// </summary>
public sealed class TableReaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string> KindsAndVariants()
    {
        var data = new TheoryData<string, string>();
        foreach (string kind in Kinds.Keys)
        {
            foreach (string variant in new[] { "semicolon", "tab", "bom", "quoted", "crlf", "semicolon+quoted+bom+crlf" })
            {
                data.Add(kind, variant);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (string Csv, Func<string, string> Read)> Kinds = new(StringComparer.Ordinal)
    {
        ["register"] = (
            "firm_id,period,municipality,region,industry,sector,fte,turnover\n" +
            "1,2013H2,751,Region Midtjylland,011100,private,2.5,100.5\n" +
            "1,2014H2,751,Region Midtjylland,011100,private,3,120\n" +
            "2,2013H2,101,Region Hovedstaden,620100,private,10.25,900\n" +
            "2,2014H2,101,Region Hovedstaden,620100,private,11,950.5\n",
            path =>
            {
                var r = RegisterCsv.Load(path);
                return string.Join('|', r.FirmIds) + ";" + string.Join('|', r.Periods) + ";" + string.Join('|', r.RegionNames) + ";" +
                    string.Join('|', r.IndustryNames) + ";" + Numbers(r.FteValues.ToArray()) + ";" + Numbers(r.TurnoverValues.ToArray());
            }),
        ["participants"] = (
            "firm_id,project_id,group\n1,MID-01,VF Midtjylland\n2,HOV-02,VF Hovedstaden\n2,MID-01,VF Midtjylland\n",
            path => string.Join('|', ParticipantsCsv.Load(path))),
        ["budgets"] = (
            "group,budget_mdkk\nVF Midtjylland,130.9\nVF Hovedstaden,74.5\n",
            path => string.Join('|', BudgetsCsv.Load(path))),
        ["matching"] = (
            "id,treat,x,kind\na,1,1.5,u\nb,0,2.25,v\nc,0,3,u\nd,1,0.5,v\n",
            path =>
            {
                var options = new MatchingTableOptions { Treat = "treat", Id = "id", Covariates = ["x", "kind"] };
                var t = MatchingTable.Read(path, options);
                string fromText = Matching(MatchingTable.Parse(new StringReader(File.ReadAllText(path)), "t", options));
                Assert.Equal(Matching(t), fromText);
                return Matching(t);
            }),
        ["balance"] = (
            "id,treat,x,kind,w\na,1,1.5,u,1\nb,0,2.25,v,1\nc,0,3,u,0\nd,1,0.5,v,1\ne,0,1,u,2\n",
            path =>
            {
                using var reader = new StreamReader(path);
                var b = BalanceInput.Read(reader, path, new BalanceInputOptions { Treat = "treat", Covariates = ["x", "kind"], Weights = "w" });
                return string.Join('|', b.Names) + ";" + string.Join('|', b.Columns.Select(Numbers)) + ";" + string.Join('|', b.Treated) + ";" + Numbers(b.Weights);
            }),
        ["published"] = (
            "# a comment line\n" +
            string.Join(',', PublishedTables.Columns) + "\n" +
            "VF Sjælland,120,67,0.37,0.37,0.97,0,0.46,0.53,0.28,0,15.7,-,234,-\n" +
            "VF Midtjylland,802,589,0.62,0.42,0.00,2849,0.74,0.57,0.00,3002,130.9,46,222,4.8\n",
            path => string.Join('|', PublishedTables.Load(path))),
    };

    private static string Numbers(double[] values) => string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static string Matching(MatchingTable t) =>
        string.Join('|', t.Ids) + ";" + string.Join('|', t.Lines) + ";" + string.Join('|', t.Data.Treated) + ";" +
        string.Join('|', t.Data.Covariates.Select(Numbers)) + ";" +
        string.Join('|', t.Data.Categorical.Select(c => c.Name + ":" + string.Join(' ', c.Levels) + ":" + string.Join(' ', c.Codes)));

    /// <summary>The comma file rewritten as <paramref name="variant"/> says (parts joined by '+'); comment lines are
    /// left as they are.</summary>
    private static string Variant(string csv, string variant)
    {
        var parts = variant.Split('+');
        string sep = parts.Contains("semicolon") ? ";" : parts.Contains("tab") ? "\t" : ",";
        bool quoted = parts.Contains("quoted");
        string eol = parts.Contains("crlf") ? "\r\n" : "\n";
        var lines = csv.TrimEnd('\n').Split('\n').Select(l =>
            l.StartsWith('#') ? l : quoted ? "\"" + string.Join("\"" + sep + "\"", l.Split(',')) + "\"" : l.Replace(",", sep, StringComparison.Ordinal));
        return string.Join(eol, lines) + eol;
    }

    [Theory]
    [MemberData(nameof(KindsAndVariants))]
    public void EveryKind_ReadsEveryVariant_AsTheCommaFile(string kind, string variant)
    {
        var (csv, read) = Kinds[kind];
        string expected = read(_files.Write(kind + "-comma.csv", csv));

        string path = _files.Write(kind + "-" + variant.Replace('+', '-') + ".csv", Variant(csv, variant), bom: variant.Contains("bom", StringComparison.Ordinal));
        string actual = read(path);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void QuotedFieldWithTheDelimiterAndADoubledQuote_IsOneValue_InEveryKind()
    {
        const string Value = "A, \"B\"";
        const string Quoted = "\"A, \"\"B\"\"\"";
        Assert.Equal("1|" + Value, string.Join('|', ParticipantsCsv.Load(_files.Write("p.csv", "firm_id,project_id,group\n1," + Quoted + ",VF Midtjylland\n")).Select(p => p.FirmId + "|" + p.ProjectId)));
        Assert.Equal(Value, Assert.Single(BudgetsCsv.Load(_files.Write("b.csv", "group,budget_mdkk\n" + Quoted + ",1.5\n"))).Group);
        var table = MatchingTable.Read(_files.Write("m.csv", "id,treat,x\n" + Quoted + ",1,1\nb,0,2\n"), new MatchingTableOptions { Treat = "treat", Id = "id", Covariates = ["x"] });
        Assert.Equal([Value, "b"], table.Ids);
        var balance = BalanceInput.Read(new StringReader("id,treat,kind,w\na,1," + Quoted + ",1\nb,0,x,1\n"), "b.csv", new BalanceInputOptions { Treat = "treat", Covariates = ["kind"], Weights = "w" });
        Assert.Equal(["kind_x"], balance.Names); // levels 'A, "B"' and 'x' (ordinal order): the second only
        var row = Assert.Single(PublishedTables.Load(_files.Write("t.csv", string.Join(',', PublishedTables.Columns) + "\n" + Quoted + ",120,67,0.37,0.37,0.97,0,0.46,0.53,0.28,0,15.7,-,234,-\n")));
        Assert.Equal(Value, row.Group);

        // The register has no free-text column; its quoted region name with a comma would be a region of its own.
        var register = RegisterCsv.Load(_files.Write("f.csv", "firm_id,period,municipality,region,industry,sector,fte,turnover\n\"1\",\"2014H2\",\"751\",\"Region Midtjylland\",\"011100\",\"private\",\"2.5\",\"100\"\n"));
        Assert.Equal(["1"], register.FirmIds);
    }

    [Fact]
    public void TabRegister_IsRead()
    {
        // Before the one reader, a tab-separated register was an "unknown delimiter" error while match read tabs.
        string path = _files.Write("firms.tsv", "firm_id\tperiod\tmunicipality\tregion\tindustry\tsector\tfte\tturnover\n1\t2014H2\t751\tRegion Midtjylland\t011100\tprivate\t2.5\t100\n");
        var register = RegisterCsv.Load(path);
        Assert.Equal(1, register.FirmCount);
        Assert.Equal(2.5, register.FteValues[0]);
    }

    [Fact]
    public void SingleColumnHeader_IsAnUnknownDelimiterInEveryKind()
    {
        string path = _files.Write("one.csv", "id\n1\n");
        foreach (Action read in new Action[]
        {
            () => RegisterCsv.Load(path),
            () => ParticipantsCsv.Load(path),
            () => BudgetsCsv.Load(path),
            () => MatchingTable.Read(path, new MatchingTableOptions { Treat = "t", Id = "id", Covariates = ["x"] }),
            () => BalanceInput.Read(new StringReader("id\n1\n"), "one.csv", new BalanceInputOptions { Treat = "t", Covariates = ["x"], Weights = "w" }),
            () => PublishedTables.Load(path),
        })
        {
            var e = Assert.Throws<InputDataException>(read);
            Assert.Equal("one.csv:1: value 'id': unknown delimiter: expected ',', ';' or tab between the column names (found a single column)", e.Message);
        }
    }
}
