using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Tests.Matching;

public sealed class MatchingTableTests
{
    private static MatchingTable Parse(string csv, MissingValuePolicy missing = MissingValuePolicy.Error, string[]? exact = null) =>
        MatchingTable.Parse(new StringReader(csv), "t.csv", new MatchingTableOptions
        {
            Treat = "treat",
            Id = "id",
            Covariates = ["x", "kind"],
            Exact = exact ?? [],
            Missing = missing,
        });

    [Fact]
    public void Parse_SemicolonWithDecimalComma_AndTextCovariateAsCategories()
    {
        var t = Parse("id;treat;x;kind\na;1;1,5;b\n\"c;d\";0;2,25;a\ne;false;3;b\n");
        Assert.Equal(';', t.Delimiter);
        Assert.Equal(["a", "c;d", "e"], t.Ids);
        Assert.Equal([1.5, 2.25, 3.0], t.Data.CovariateColumns[0]);
        var kind = Assert.Single(t.Data.Categorical);
        Assert.Equal(["a", "b"], kind.Levels);
        Assert.Equal([1, 0, 1], kind.LevelCodes);
        Assert.Equal([true, false, false], t.Data.IsTreated);
    }

    [Fact]
    public void Parse_NumericCodesNamedAsFactor_CategoriesOrderedByValue()
    {
        // Ordinal text order would be 10, 10.0, 100, 9; by value (as R's factor of a numeric column): 9, 10, 10.0, 100.
        var csv = "id,treat,x,kind\na,1,1,100\nb,0,2,9\nc,0,3,10\nd,1,4,10.0\ne,0,5,9\n";
        var options = new MatchingTableOptions { Treat = "treat", Id = "id", Covariates = ["x", "kind"], Factors = ["kind"] };
        foreach (var t in new[] { MatchingTable.Parse(new StringReader(csv), "t.csv", options), Read(csv, options) })
        {
            Assert.Equal([1.0, 2, 3, 4, 5], Assert.Single(t.Data.CovariateColumns));
            var kind = Assert.Single(t.Data.Categorical);
            Assert.Equal("kind", kind.Name);
            Assert.Equal(["9", "10", "10.0", "100"], kind.Levels);
            Assert.Equal([3, 0, 1, 2, 0], kind.LevelCodes);
        }

        // Without the option the codes are one number; text codes named as a factor stay in text order.
        Assert.Equal(2, Parse(csv).Data.CovariateColumns.Count);
        var text = MatchingTable.Parse(new StringReader("id,treat,x,kind\na,1,1,b10\nb,0,2,b9\n"), "t.csv", options);
        Assert.Equal(["b10", "b9"], Assert.Single(text.Data.Categorical).Levels);
    }

    [Fact]
    public void Parse_FactorNotACovariate_ArgumentError()
    {
        var options = new MatchingTableOptions { Treat = "treat", Id = "id", Covariates = ["x"], Factors = ["kind"] };
        var e = Assert.Throws<ArgumentException>(() => MatchingTable.Parse(new StringReader("id,treat,x,kind\na,1,1,9\n"), "t.csv", options));
        Assert.Contains("Factor 'kind' is not one of the covariates (x)", e.Message, StringComparison.Ordinal);
    }

    private static MatchingTable Read(string csv, MatchingTableOptions options)
    {
        string path = Path.Combine(Path.GetTempPath(), $"factors-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        try
        {
            return MatchingTable.Read(path, options);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PublicViews_AreReadOnly()
    {
        var t = Parse("id,treat,x,kind,region\na,1,1.5,b,S\nb,0,2,a,N\n", exact: ["region"]);
        Assert.Throws<NotSupportedException>(() => ((IList<bool>)t.Data.IsTreated)[0] = false);
        Assert.Throws<NotSupportedException>(() => ((IList<double>)t.Data.CovariateColumns[0])[0] = 0);
        Assert.Throws<NotSupportedException>(() => ((IList<int>)t.Data.StratumOfRow!)[0] = 0);
        Assert.Throws<NotSupportedException>(() => ((IList<int>)Assert.Single(t.Data.Categorical).LevelCodes)[0] = 0);
        Assert.Null(t.Data.TieRanks);
        Assert.True(t.Data.IsTreated[0]);
    }

    [Fact]
    public void Parse_MissingValues_ErrorNamesColumnCountAndFirstLine()
    {
        var e = Assert.Throws<InputDataException>(() => Parse("id,treat,x,kind\na,1,,u\nb,0,NA,v\nc,0,2,v\n"));
        Assert.Equal("t.csv:2: column 'x', firm a: value '': 2 rows have no value in this column (first at line 2); fill them, or use --missing drop to leave those rows out.", e.Message);
    }

    [Fact]
    public void Parse_MissingValues_DropReportsPerColumn()
    {
        var t = Parse("id,treat,x,kind\na,1,,u\nb,0,NA,v\nc,0,2,v\nd,1,3,\n", MissingValuePolicy.Drop);
        Assert.Equal(["c"], t.Ids);
        Assert.Equal(2, t.DroppedByColumn["x"]);
        Assert.Equal(1, t.DroppedByColumn["kind"]);
        Assert.Equal(3, t.DroppedRows);
    }

    [Fact]
    public void Parse_BadTreatmentAndDuplicateId_AreReportedWithLines()
    {
        var e = Assert.Throws<InputDataException>(() => Parse("id,treat,x,kind\na,yes,1,u\na,0,2,v\n"));
        Assert.Contains("t.csv:3: column 'id', firm a: value 'a': id already used at line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("t.csv:2: column 'treat', firm a: value 'yes': expected 0/1 or true/false.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExactOnTextColumns_MakesSortedStrata()
    {
        var t = Parse("id,treat,x,kind,region\na,1,1,u,South\nb,0,2,v,North\nc,0,2,v,South\n", exact: ["region", "kind"]);
        Assert.Equal(["region=North, kind=v", "region=South, kind=u", "region=South, kind=v"], t.StrataNames);
        Assert.Equal([1, 0, 2], t.Data.StratumOfRow!);
    }

    [Fact]
    public void Parse_MostlyNumericColumnWithATypo_IsAnError()
    {
        var rows = string.Concat(Enumerable.Range(0, 30).Select(i => $"r{i},{i % 2},{i},u\n"));
        var e = Assert.Throws<InputDataException>(() => Parse("id,treat,x,kind\n" + rows + "bad,0,1.2.3,u\n"));
        Assert.Contains("column 'x', firm bad: value '1.2.3': expected a number", e.Message, StringComparison.Ordinal);
    }
}
