using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>The export matching covariates (<c>measure --covariates ...,export,exporter</c>, docs/effect-chain.md).</summary>
public sealed class ExportCovariateTests
{
    // Three firms x three years; export at baseline (2015): 0, 99, 2.5 and firm C absent in 2014 (history).
    private static Register Small(bool withExport)
    {
        var rows = new List<FirmPeriodRecord>();
        void Add(string id, int year, double fte, double turnover, double export) =>
            rows.Add(new FirmPeriodRecord(id, Period.FromYear(year), "751", "Region Midtjylland", "620100", false, fte, turnover) { Export = withExport ? export : null });
        Add("A", 2014, 2, 100, 7);
        Add("A", 2015, 3, 120, 0);
        Add("A", 2016, 4, 130, 5);
        Add("B", 2014, 1, 50, 10);
        Add("B", 2015, 1, 60, 99);
        Add("B", 2016, 1, 70, 20);
        Add("C", 2015, 5, 200, 2.5);
        Add("C", 2016, 6, 210, 0);
        return Register.FromRecords(rows);
    }

    [Fact]
    public void Columns_AreLogOnePlusExportAndTheExporterFlagAtBaseline()
    {
        var register = Small(withExport: true);
        var window = MeasurementWindow.Resolve(register, Period.FromYear(2014), Period.FromYear(2015), Period.FromYear(2016));
        var covariates = new FirmCovariates(register, window);

        var log = covariates.Column(FirmCovariate.Export);
        var flag = covariates.Column(FirmCovariate.Exporter);
        var byId = Enumerable.Range(0, register.FirmCount).ToDictionary(register.FirmId);

        // By hand: log(1 + 0) = 0, log(1 + 99) = log(100) = 4.605170185988091, log(3.5) = 1.252762968495368.
        Assert.Equal(0.0, log[byId["A"]]);
        Assert.Equal(4.605170185988091, log[byId["B"]], 14);
        Assert.Equal(1.252762968495368, log[byId["C"]], 14);
        Assert.Equal(0.0, flag[byId["A"]]);
        Assert.Equal(1.0, flag[byId["B"]]);
        Assert.Equal(1.0, flag[byId["C"]]);
        Assert.Equal("log(1+export)", FirmCovariates.Name(FirmCovariate.Export));
        Assert.Equal("exporter", FirmCovariates.Name(FirmCovariate.Exporter));
    }

    /// <summary>The series shares the baseline covariates across periods, the export columns too (they were left
    /// out of the sharing: <c>--series --covariates ...,export</c> threw a NullReferenceException); each period equals
    /// the classic measurement of that period with the same covariates.</summary>
    [Fact]
    public void Series_WithExportCovariate_EqualsTheClassicMeasurementOfAPeriod()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gm-exportcov-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = GlobalMidt.Effects.Simulation.ChainSimulator.Write(new GlobalMidt.Effects.Simulation.ChainSimulationOptions { Firms = 2000, Seed = 5 }, dir, gzip: false);
            var register = RegisterCsv.Load(files.FirmsPath);
            var participants = ParticipantsCsv.Load(files.ParticipantsPath, null, register);
            var options = new MeasurementOptions
            {
                History = GlobalMidt.Effects.Simulation.ChainSimulator.FirstPeriod,
                Baseline = GlobalMidt.Effects.Simulation.ChainSimulator.Baseline,
                BootstrapReplicates = 0,
                Covariates = [FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.Export],
            };

            var series = EffectMeasurement.Run(register, participants, [], options with { Series = true });
            var period = Period.FromHalfYear(2021, 2);
            var classic = EffectMeasurement.Run(register, participants, [], options with { Measurement = period });
            var rows = series.Series!.Rows.Where(r => r.Period == period).Select(r => r.Result).ToList();
            Assert.Equal(classic.Groups.Count, rows.Count);
            foreach (var (c, s) in classic.Groups.Zip(rows))
            {
                Assert.Equal(c.Matches.Pairs, s.Matches.Pairs);
                Assert.Equal(c.Chain, s.Chain);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RegisterWithoutExport_ExportCovariate_IsADataErrorNamingTheColumn()
    {
        var register = Small(withExport: false);
        FirmCovariates.RequireExport(register, [FirmCovariate.Fte, FirmCovariate.Turnover], "firms.csv");

        var e = Assert.Throws<InputDataException>(() => FirmCovariates.RequireExport(register, [FirmCovariate.Fte, FirmCovariate.Exporter], "firms.csv"));
        Assert.StartsWith("firms.csv:1: column 'export': missing column 'export': the matching covariate 'exporter' (--covariates)", e.Message, StringComparison.Ordinal);

        // The library checks before any work.
        Assert.Throws<InputDataException>(() => EffectMeasurement.Run(register, [], [], new MeasurementOptions { Covariates = [FirmCovariate.Export] }));
    }

    [Fact]
    public void Cli_ExportCovariateOnTheClassicSample_ExitsWithADataError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["measure", "--covariates", "fte,turnover,growth,export", "--bootstrap", "0", "--quiet"], stdout, stderr);

        Assert.Equal(ExitCodes.DataError, code);
        Assert.Empty(stdout.ToString());
        Assert.Contains("firms.csv.gz:1: column 'export': missing column 'export': the matching covariate 'export' (--covariates) needs", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);

        var usageErr = new StringWriter();
        Assert.Equal(ExitCodes.Usage, CliApp.Run(["measure", "--covariates", "fte,exports"], new StringWriter(), usageErr));
        Assert.Contains("'exports' is not one of fte, turnover, growth, export, exporter", usageErr.ToString(), StringComparison.Ordinal);
    }
}
