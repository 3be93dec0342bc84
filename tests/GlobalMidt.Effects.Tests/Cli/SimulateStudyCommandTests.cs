using GlobalMidt.Effects.Cli;

namespace GlobalMidt.Effects.Tests.Cli;

public class SimulateStudyCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void SameOptions_SameTable_WhateverTheThreads()
    {
        string[] common = ["simulate-study", "--seeds", "2", "--firms", "4000", "--estimator", "dst2016,trajectory+pairwise", "--bootstrap", "19", "--quiet"];
        var (code1, out1, err1) = Run([.. common, "--threads", "1"]);
        var (code2, out2, _) = Run([.. common, "--threads", "2"]);
        Assert.True(code1 == ExitCodes.Success, err1);
        Assert.Equal(ExitCodes.Success, code2);
        Assert.Equal(out1, out2);
        Assert.Contains("2 registers of 4,000 firms (seeds 1..2), dynamics realistic, 19 bootstrap replicates", out1, StringComparison.Ordinal);
        foreach (string row in new[] { "| dst2016 | jobs | cross-cutting | 2 |", "| trajectory+pairwise | added turnover | groups |" })
        {
            Assert.Contains(row, out1, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--estimator", "published")]
    [InlineData("--dynamics", "chaotic")]
    [InlineData("--bootstrap", "1")]
    public void BadOption_ExitCode2_NamesIt(string option, string value)
    {
        var (code, _, err) = Run("simulate-study", "--seeds", "1", "--firms", "2000", option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(option, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }
}
