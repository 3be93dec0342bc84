using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Tests.Estimation;

public class PublishedTablesTests
{
    internal static string PublishedPath => Path.Combine(AppContext.BaseDirectory, "TestData", "published_tables.csv");

    private static IReadOnlyList<PublishedTableRow> Published() => PublishedTables.Load(PublishedPath);

    private static PublishedTableRow Row(string group) => Published().Single(r => r.Group == group);

    [Fact]
    public void Load_ReadsAllSixRowsWithDanishLettersAndPrintedDecimals()
    {
        var rows = Published();
        Assert.Equal(
            ["Tværgående måling (ekskl. dubletter)", "VF Hovedstaden", "VF Sjælland", "VF Syddanmark", "VF Midtjylland", "VF Nordjylland"],
            rows.Select(r => r.Group));

        var midt = Row("VF Midtjylland");
        Assert.Equal(802, midt.Reported);
        Assert.Equal(589, midt.Measured);
        Assert.Equal(new PrintedNumber(0.62, 2), midt.EmploymentShareParticipants);
        Assert.Equal(new PrintedNumber(0.42, 2), midt.EmploymentShareControl);
        Assert.Equal(new PrintedNumber(0.0, 2), midt.EmploymentPValue);
        Assert.Equal(new PrintedNumber(2849, 0), midt.JobsCreated);
        Assert.Equal(new PrintedNumber(3002, 0), midt.AddedTurnoverMdkk);
        Assert.Equal(new PrintedNumber(130.9, 1), midt.BudgetMdkk);
        Assert.Equal(new PrintedNumber(46, 0), midt.CostPerJobTdkk);
        Assert.Equal(new PrintedNumber(222, 0), midt.SpendPerFirmTdkk);
        Assert.Equal(new PrintedNumber(4.8, 1), midt.JobsPerFirm);

        var sj = Row("VF Sjælland");
        Assert.Null(sj.CostPerJobTdkk);
        Assert.Null(sj.JobsPerFirm);
        Assert.Equal(new PrintedNumber(0.97, 2), sj.EmploymentPValue);
        Assert.Equal("0.40", Row("Tværgående måling (ekskl. dubletter)").EmploymentShareControl.ToString());
    }

    [Fact]
    public void Load_Table1TotalsMatchTheSeed()
    {
        // Seed: Table 1 "I alt" 2,532 reported / 1,429 measured over the five growth forums
        var forums = Published().Where(r => r.Group.StartsWith("VF ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2532, forums.Sum(r => r.Reported));
        Assert.Equal(1429, forums.Sum(r => r.Measured));
    }

    [Fact]
    public void Load_IsCultureIndependent()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("da-DK");
            var midt = Row("VF Midtjylland");
            Assert.Equal(130.9, midt.BudgetMdkk!.Value.Value);
            Assert.Equal("130.9", midt.BudgetMdkk.Value.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("Tværgående måling (ekskl. dubletter)")]
    [InlineData("VF Hovedstaden")]
    [InlineData("VF Sjælland")]
    [InlineData("VF Syddanmark")]
    [InlineData("VF Midtjylland")]
    [InlineData("VF Nordjylland")]
    public void Recompute_Table3AgreesWithPublishedWithinInputRounding(string group)
    {
        var check = PublishedTables.Recompute(Published()).Rows.Single(r => r.Published.Group == group);
        var p = check.Published;

        Assert.True(check.CostPerJob.Agrees, $"C of {group}");
        Assert.True(check.SpendPerFirm.Agrees, $"E of {group}");
        Assert.True(check.JobsPerFirm.Agrees, $"F of {group}");

        // the recomputation uses the printed A, B, D
        if (p.JobsCreated.Value > 0)
        {
            Tolerance.AssertClose(p.BudgetMdkk!.Value.Value * 1000 / p.JobsCreated.Value, check.CostPerJob.Recomputed!.Value, 1e-15, 0);
            Tolerance.AssertClose((p.BudgetMdkk.Value.Value - 0.05) * 1000 / (p.JobsCreated.Value + 0.5), check.CostPerJob.RangeLow!.Value, 1e-12, 0);
            Tolerance.AssertClose((p.BudgetMdkk.Value.Value + 0.05) * 1000 / (p.JobsCreated.Value - 0.5), check.CostPerJob.RangeHigh!.Value, 1e-12, 0);
            Tolerance.AssertClose(p.JobsCreated.Value / p.Measured, check.JobsPerFirm.Recomputed!.Value, 1e-15, 0);
        }
        else
        {
            Assert.Null(check.CostPerJob.Recomputed);
            Assert.Null(check.JobsPerFirm.Recomputed);
            Assert.Null(check.CostPerJob.AgreesWithPlainRounding);
        }

        Tolerance.AssertClose(p.BudgetMdkk!.Value.Value * 1000 / p.Measured, check.SpendPerFirm.Recomputed!.Value, 1e-15, 0);
    }

    [Fact]
    public void Recompute_PlainRoundingFailsOnlyForHovedstadenSpendPerFirm()
    {
        // 74.5 / 54 = 1,379.6 is printed 1,379: only an input-rounding (or truncation) explanation fits.
        var checks = PublishedTables.Recompute(Published()).Rows;
        var failures = checks
            .SelectMany(r => new[] { r.CostPerJob, r.SpendPerFirm, r.JobsPerFirm }.Select(f => (r.Published.Group, f)))
            .Where(x => x.f.AgreesWithPlainRounding == false)
            .Select(x => x.Group + " " + x.f.Figure)
            .ToList();
        Assert.Equal(["VF Hovedstaden E"], failures);
        var e = checks.Single(r => r.Published.Group == "VF Hovedstaden").SpendPerFirm;
        Assert.InRange(1379.0, e.RangeLow!.Value, e.RangeHigh!.Value);
    }

    [Fact]
    public void Recompute_CrossCuttingRowFromMethodNotes()
    {
        // docs/method.md: 623.8 / 3,695 = 169 (1,000 DKK per job); 130.9 / 2,849 = 46, 130.9 / 589 = 222, 2,849 / 589 = 4.8
        var rows = PublishedTables.Recompute(Published()).Rows;
        var cross = rows.Single(r => r.Published.Group.StartsWith("Tværgående", StringComparison.Ordinal));
        Assert.Equal(169.0, Math.Round(cross.Recomputed.CostPerJobTdkk!.Value));
        var midt = rows.Single(r => r.Published.Group == "VF Midtjylland");
        Assert.Equal(46.0, Math.Round(midt.Recomputed.CostPerJobTdkk!.Value));
        Assert.Equal(222.0, Math.Round(midt.Recomputed.SpendPerFirmTdkk!.Value));
        Assert.Equal(4.8, Math.Round(midt.Recomputed.JobsPerFirm!.Value, 1));
    }

    [Fact]
    public void Recompute_AllTwelvePublishedPValuesFitTheKnownShareTest()
    {
        var rows = PublishedTables.Recompute(Published()).Rows;
        Assert.Equal(6, rows.Count);
        foreach (var r in rows)
        {
            foreach (var p in new[] { r.Employment, r.Turnover })
            {
                Assert.True(
                    p.KnownShareAgrees,
                    $"{r.Published.Group} {p.Outcome}: published {p.Published}, known-share range [{p.KnownShare.Low}, {p.KnownShare.High}]");
                // independently of IsConsistentWith: some p in the range rounds to the printed value
                double lo = p.KnownShare.Low!.Value, hi = p.KnownShare.High!.Value;
                Assert.True(hi >= p.Published.Value - 0.005 && lo <= p.Published.Value + 0.005);
            }
        }

        Assert.True(rows.All(r => r.AllAgree));
    }

    [Fact]
    public void PValueRange_SjaellandTurnoverFitsKnownShareButNotOneToOneTwoSample()
    {
        // docs/method.md: 0.46 vs 0.53 with n = 67 gives p = 0.28 only with the control share treated as known.
        var known = PublishedTables.PValueRange(0.46, 0.53, 67);
        var oneToOne = PublishedTables.PValueRange(0.46, 0.53, 67, method: ShareTestMethod.TwoSample);
        var printed = new PrintedNumber(0.28, 2);

        Assert.Equal(31, known.MinSuccesses);
        Assert.Equal(31, known.MaxSuccesses);
        Assert.True(known.IsConsistentWith(printed));
        Assert.InRange(0.28, known.Low!.Value, known.High!.Value);
        Assert.False(oneToOne.IsConsistentWith(printed));
        Assert.True(oneToOne.Low > 0.285, $"1:1 two-sample range starts at {oneToOne.Low}");
        Assert.Equal(67.0, oneToOne.ControlSize);

        // the range ends are the tests at the corners of the rounding box (31/67, p0 = 0.525 / 0.535)
        Tolerance.AssertClose(ShareTest.KnownShare(31, 67, 0.535).PValue, known.Low!.Value, 1e-12, 0);
        Tolerance.AssertClose(ShareTest.KnownShare(31, 67, 0.525).PValue, known.High!.Value, 1e-12, 0);
        Tolerance.AssertClose(ShareTest.TwoSample(31, 67, 0.535, 67).PValue, oneToOne.Low!.Value, 1e-12, 0);
    }

    [Fact]
    public void Recompute_TwoSampleOneToOneMissesSomePublishedPValues()
    {
        var rows = PublishedTables.Recompute(Published()).Rows;
        var misses = rows.SelectMany(r => new[] { r.Employment, r.Turnover }.Where(p => !p.TwoSampleAgrees).Select(p => r.Published.Group + " " + p.Outcome)).ToList();
        Assert.Contains("VF Sjælland turnover", misses);
    }

    [Theory]
    [InlineData(0.46, 0.53, 67)]
    [InlineData(0.37, 0.37, 67)]
    [InlineData(0.55, 0.51, 227)]
    [InlineData(0.67, 0.39, 54)]
    [InlineData(0.10, 0.02, 30)]
    [InlineData(0.00, 0.01, 40)]
    public void PValueRange_EqualsBruteForceOverTheRoundingBox(double s1, double s0, int n)
    {
        foreach (var method in new[] { ShareTestMethod.KnownShare, ShareTestMethod.TwoSample })
        {
            var range = PublishedTables.PValueRange(s1, s0, n, method: method);
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int x = 0; x <= n; x++)
            {
                double p1 = (double)x / n;
                if (p1 < s1 - 0.005 - 1e-12 || p1 > s1 + 0.005 + 1e-12)
                {
                    continue;
                }

                for (int k = 0; k <= 2000; k++)
                {
                    double p0 = Math.Clamp(s0 - 0.005 + (0.01 * k / 2000), 0, 1);
                    double p = method == ShareTestMethod.KnownShare
                        ? ShareTest.KnownShare(x, n, p0).PValue
                        : ShareTest.TwoSample(x, n, p0, n).PValue;
                    lo = Math.Min(lo, p);
                    hi = Math.Max(hi, p);
                }
            }

            Tolerance.AssertClose(lo, range.Low!.Value, 1e-9, 1e-12, $"{method} low");
            // the grid may miss p = 1 exactly at p0 = p1; it gets within the grid step
            Tolerance.AssertClose(hi, range.High!.Value, 1e-3, 1e-12, $"{method} high");
        }
    }

    [Fact]
    public void PValueRange_NoCountFitsGivesEmptyRange()
    {
        // with n = 3 the shares are 0, 0.33, 0.67, 1: none rounds to 0.50
        var range = PublishedTables.PValueRange(0.50, 0.40, 3);
        Assert.Null(range.MinSuccesses);
        Assert.Null(range.Low);
        Assert.False(range.IsConsistentWith(new PrintedNumber(0.5, 2)));
    }

    [Fact]
    public void PValueRange_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>("n", () => PublishedTables.PValueRange(0.5, 0.4, 0));
        Assert.Throws<ArgumentOutOfRangeException>("participantShare", () => PublishedTables.PValueRange(double.NaN, 0.4, 10));
        Assert.Throws<ArgumentOutOfRangeException>("controlShare", () => PublishedTables.PValueRange(0.5, 1.4, 10));
        Assert.Throws<ArgumentOutOfRangeException>("shareDecimals", () => PublishedTables.PValueRange(0.5, 0.4, 10, -1));
    }

    [Fact]
    public void Recompute_ForecastGives814AtUnroundedCostAnd813AtPublishedCost()
    {
        var f = PublishedTables.Recompute(Published()).Forecast;
        Assert.Equal("VF Midtjylland", f.Group);
        Assert.Equal(37.4, f.PlanBudgetMdkk);
        Tolerance.AssertClose(130.9 * 1000 / 2849, f.CostPerJobTdkk!.Value, 1e-15, 0);
        Assert.Equal(814.0, Math.Round(f.ExpectedJobs!.Value));
        Assert.Equal(813.0, Math.Round(f.ExpectedJobsAtPublishedCost!.Value));
        Assert.Equal(new PrintedNumber(46, 0), f.PublishedCostPerJobTdkk);
    }

    [Fact]
    public void Recompute_OtherPlanBudgetAndGroup()
    {
        var f = PublishedTables.Recompute(Published(), 10, "VF Nordjylland").Forecast;
        Tolerance.AssertClose(10.0 * 1000 / (339.9 * 1000 / 522), f.ExpectedJobs!.Value, 1e-14, 0);
    }

    [Fact]
    public void Recompute_ForecastGroupWithoutJobsHasNoForecast()
    {
        var f = PublishedTables.Recompute(Published(), 37.4, "VF Sjælland").Forecast;
        Assert.Null(f.CostPerJobTdkk);
        Assert.Null(f.ExpectedJobs);
        Assert.Null(f.ExpectedJobsAtPublishedCost);
    }

    [Fact]
    public void Recompute_UnknownForecastGroupNamesTheGroups()
    {
        var ex = Assert.Throws<ArgumentException>("forecastGroup", () => PublishedTables.Recompute(Published(), 37.4, "VF Bornholm"));
        Assert.Contains("VF Bornholm", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VF Midtjylland", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recompute_EmptyListNeedsForecastGroup()
    {
        Assert.Throws<ArgumentException>("forecastGroup", () => PublishedTables.Recompute([]));
    }

    private const string Header =
        "group,reported,measured,emp_share_participants,emp_share_control,emp_p_value,jobs_created,turn_share_participants,turn_share_control,turn_p_value,added_turnover_mdkk,budget_mdkk,cost_per_job_tdkk,spend_per_firm_tdkk,jobs_per_firm";

    private static IReadOnlyList<PublishedTableRow> ParseText(string text) =>
        PublishedTables.Parse(new StringReader(text), "test.csv");

    [Fact]
    public void Parse_QuotedGroupWithCommaAndExtraColumn()
    {
        var rows = ParseText(Header + ",note\n\"Region, øst\",10,5,0.5,0.4,0.3,2,0.5,0.4,0.3,1,1.0,500,200,0.4,x\n");
        Assert.Equal("Region, øst", rows[0].Group);
        Assert.Equal(2, rows[0].Line);
    }

    [Fact]
    public void Parse_DecimalCommaIsAnErrorWithLineAndColumn()
    {
        var ex = Assert.Throws<InputDataException>(() => ParseText("# comment\n" + Header + "\nA,10,5,\"0,5\",0.4,0.3,2,0.5,0.4,0.3,1,1.0,500,200,0.4\n"));
        var e = Assert.Single(ex.Errors);
        Assert.Equal(3, e.Line);
        Assert.Equal("emp_share_participants", e.Column);
        Assert.Equal("0,5", e.Value);
        Assert.Contains("'.' as the decimal point", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.csv:3: column 'emp_share_participants'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CollectsAllErrors()
    {
        string text = Header + "\n" +
            "A,10,5,1.5,0.4,0.3,2,0.5,0.4,0.3,1,1.0,500,200,0.4\n" + // share > 1
            "B,10,11,0.5,0.4,0.3,2,0.5,0.4,0.3,1,1.0,500,200,0.4\n" + // measured > reported
            "C,10,5,0.5,0.4,-,2,0.5,0.4,0.3,1,1.0,500,200,0.4\n" + // '-' where a number is required
            "D,10,5,0.5,0.4,0.3\n" + // too few fields
            "A,10,5,0.5,0.4,0.3,2,0.5,0.4,0.3,1,1.0,500,200,0.4\n" + // fine
            "A,10,5,0.5,0.4,0.3,2,0.5,0.4,0.3,1,1.0,500,200,0.4\n" + // duplicate group
            "E,x,5,0.5,0.4,0.3,2,0.5,0.4,0.3,1,1.0,500,200,0.4\n"; // not a count
        var ex = Assert.Throws<InputDataException>(() => ParseText(text));
        Assert.Equal(
            ["2:emp_share_participants", "3:measured", "4:emp_p_value", "5:", "7:group", "8:reported"],
            ex.Errors.Select(e => $"{e.Line}:{e.Column}"));
        Assert.Contains("first on line 6", ex.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("wrong number of fields: expected 15 as in the header, found 6", ex.Errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingColumnIsNamed()
    {
        var ex = Assert.Throws<InputDataException>(() => ParseText(Header.Replace(",jobs_per_firm", "", StringComparison.Ordinal) + "\n"));
        Assert.Equal("jobs_per_firm", Assert.Single(ex.Errors).Column);
    }

    [Fact]
    public void Parse_EmptyFileAndHeaderOnlyAreErrors()
    {
        Assert.Contains("empty", Assert.Throws<InputDataException>(() => ParseText("# only a comment\n")).Message, StringComparison.Ordinal);
        Assert.Contains("no rows", Assert.Throws<InputDataException>(() => ParseText(Header + "\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnbalancedQuoteIsAnError()
    {
        var ex = Assert.Throws<InputDataException>(() => ParseText(Header + "\n\"A,10,5\n"));
        Assert.Contains("test.csv:2: wrong number of fields", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a quoted field is not closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidUtf8IsADataError()
    {
        string path = Path.Combine(Path.GetTempPath(), $"published-{Guid.NewGuid():N}.csv");
        try
        {
            var bytes = Encoding.UTF8.GetBytes(Header + "\nVF Sj").Concat(new byte[] { 0xE6 }).Concat(Encoding.UTF8.GetBytes("lland,10,5,0.5,0.4,0.3,2,0.5,0.4,0.3,1,1.0,500,200,0.4\n")).ToArray();
            File.WriteAllBytes(path, bytes);
            var ex = Assert.Throws<InputDataException>(() => PublishedTables.Load(path));
            Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_Utf8WithBom()
    {
        string path = Path.Combine(Path.GetTempPath(), $"published-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, Header + "\nVF Sjælland,10,5,0.5,0.4,0.3,0,0.5,0.4,0.3,1,1.0,-,200,-\n", new UTF8Encoding(true));
            var row = Assert.Single(PublishedTables.Load(path));
            Assert.Equal("VF Sjælland", row.Group);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PrintedNumber_RoundingInterval()
    {
        var p = new PrintedNumber(0.28, 2);
        Tolerance.AssertClose(0.275, p.Low, 1e-14, 0);
        Tolerance.AssertClose(0.285, p.High, 1e-14, 0);
        Assert.True(p.IsRoundingOf(0.2849));
        Assert.False(p.IsRoundingOf(0.2851));
        Assert.True(new PrintedNumber(1379, 0).IsRoundingOf(1378.5));
        Assert.False(new PrintedNumber(1379, 0).IsRoundingOf(1379.6));
        Assert.False(p.IsRoundingOf(double.NaN));
    }
}
