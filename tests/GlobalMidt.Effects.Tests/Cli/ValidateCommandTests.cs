using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Tests.Data;

namespace GlobalMidt.Effects.Tests.Cli;

/// <summary>The <c>validate</c> command, run through <see cref="CliApp.Run"/>.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private const string Header = "firm_id,period,municipality,region,industry,sector,fte,turnover\n";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Validate_ValidExtract_PrintsSummary()
    {
        string firms = _files.Write("firms.csv.gz", Header +
            "1,2014,751,Region Midtjylland,011100,private,2,10\n" +
            "1,2015,751,Region Midtjylland,011100,private,2,10\n" +
            "2,2015,259,Region Sjælland,620100,public,2,10\n");
        string participants = _files.Write("participants.csv", "firm_id,project_id,group\n1,P1,VF Sjælland\n9,P1,VF Sjælland\n1,P1,VF Sjælland\n2,P2,VF Midtjylland\n");
        string budgets = _files.Write("budgets.csv", "group,budget_mdkk\nVF Sjælland,12.5\n");

        var (code, output, error) = Run("validate", "--firms", firms, "--participants", participants, "--budgets", budgets);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Register firms.csv.gz: valid", output);
        Assert.Contains("rows                3\n", output);
        Assert.Contains("firms               2\n", output);
        Assert.Contains("periods             2 (2014, 2015)", output);
        Assert.Contains("regions             2 (Region Midtjylland, Region Sjælland)", output);
        Assert.Contains("industries          2 DB07 codes", output);
        Assert.Contains("public firms        1\n", output);
        Assert.Contains("unique firms        3\n", output);
        Assert.Contains("groups              2 (VF Midtjylland, VF Sjælland)", output);
        Assert.Contains("found in register   2\n", output);
        Assert.Contains("not in register     1 (e.g. 9)", output);
        Assert.Contains("duplicate rows      1\n", output);
        Assert.Contains("VF Sjælland          12.5 mio. DKK", output);
        Assert.Contains("groups without budget VF Midtjylland", output);
    }

    [Fact]
    public void Validate_AttributeChangesLatest_CountsFirms()
    {
        string firms = _files.Write("firms.csv", Header +
            "1,2014,751,R,1,private,2,10\n1,2015,751,S,1,private,2,10\n");

        var (code, output, _) = Run("validate", "--firms", firms, "--attribute-changes", "latest");

        Assert.Equal(0, code);
        Assert.Contains("firms with attribute changes (latest value used) 1", output);
    }

    [Fact]
    public void Validate_BadData_PrintsErrorsWithoutStackTraceAndExits3()
    {
        string firms = _files.Write("firms.csv", Header +
            "1,2014,751,R,1,private,-2,10\n1,2015,751,S,1,private,2,10\n");

        var (code, output, error) = Run("validate", "--firms", firms);

        Assert.Equal(3, code);
        Assert.Equal("", output);
        Assert.Contains("2 errors in the input", error);
        Assert.Contains("firms.csv:2: column 'fte', firm 1: value '-2'", error);
        Assert.Contains("firms.csv:3: column 'region', firm 1: value 'S'", error);
        Assert.DoesNotContain(" at GlobalMidt", error);
    }

    [Fact]
    public void Validate_DanishCulture_ReadsDecimalCommas()
    {
        string firms = _files.Write("firms.csv", "firm_id;period;municipality;region;industry;sector;fte;turnover\n1;2014;751;R;1;private;2,5;10\n");

        Assert.Equal(3, Run("validate", "--firms", firms).Code);
        Assert.Equal(0, Run("validate", "--firms", firms, "--culture", "da-DK").Code);
    }

    [Fact]
    public void Validate_MissingFile_Exits3WithClearMessage()
    {
        var (code, _, error) = Run("validate", "--firms", Path.Combine(_files.Dir, "missing.csv"));

        Assert.Equal(3, code);
        Assert.StartsWith("error: missing.csv: file not found", error);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "--firms", "x.csv", "--attribute-changes", "sometimes")]
    [InlineData("validate", "--firms", "x.csv", "--culture", "xx-NOPE")]
    [InlineData("validate", "--firms", "x.csv", "--bogus", "1")]
    public void Validate_BadCommandLine_Exits2(params string[] args)
    {
        Assert.Equal(2, Run(args).Code);
    }
}
