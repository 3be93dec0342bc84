using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Tests.Estimation;

public class Table3Tests
{
    // Seed section 5, Table 3: A jobs, B budget (mio. DKK), D firms; published C (1,000 DKK/job), E (1,000 DKK/firm), F.
    [Theory]
    [InlineData("Tværgående måling (ekskl. dubletter)", 3695, 623.8, 1401, 169.0, 445.0, 2.6)]
    [InlineData("VF Hovedstaden", 150, 74.5, 54, 497.0, 1379.0, 2.8)]
    [InlineData("VF Syddanmark", 373, 50.2, 227, 135.0, 221.0, 1.6)]
    [InlineData("VF Midtjylland", 2849, 130.9, 589, 46.0, 222.0, 4.8)]
    [InlineData("VF Nordjylland", 522, 339.9, 492, 651.0, 691.0, 1.1)]
    public void Compute_ReproducesPublishedFigures(string group, double a, double b, int d, double c, double e, double f)
    {
        var row = Table3.Compute(group, a, b, d);

        Assert.Equal(group, row.Group);
        Assert.Equal(a, row.Jobs);
        Assert.Equal(b, row.BudgetMdkk);
        Assert.Equal(d, row.FirmsMeasured);
        Tolerance.AssertClose(b * 1000 / a, row.CostPerJobTdkk!.Value, 1e-15, 0);
        Tolerance.AssertClose(b * 1000 / d, row.SpendPerFirmTdkk!.Value, 1e-15, 0);
        Tolerance.AssertClose(a / d, row.JobsPerFirm!.Value, 1e-15, 0);
        Assert.Equal(c, Math.Round(row.CostPerJobTdkk.Value, MidpointRounding.AwayFromZero));
        Assert.Equal(f, Math.Round(row.JobsPerFirm.Value, 1, MidpointRounding.AwayFromZero));
        // E: the published 1,379 of Hovedstaden is 74.5 / 54 = 1,379.6 truncated (or an unrounded budget below 74.47):
        // it lies in the range the printed budget allows, [74.45, 74.55] / 54.
        double eLow = (b - 0.05) * 1000 / d, eHigh = (b + 0.05) * 1000 / d;
        Assert.InRange(e, Math.Round(eLow, MidpointRounding.AwayFromZero), Math.Round(eHigh, MidpointRounding.AwayFromZero));
        if (group != "VF Hovedstaden")
        {
            Assert.Equal(e, Math.Round(row.SpendPerFirmTdkk.Value, MidpointRounding.AwayFromZero));
        }
        else
        {
            Assert.Equal(1380.0, Math.Round(row.SpendPerFirmTdkk.Value, MidpointRounding.AwayFromZero));
        }
    }

    [Fact]
    public void Compute_ZeroJobsGivesUndefinedCostAndJobsPerFirm()
    {
        // Seed: VF Sjælland 0 jobs, 15.7 mio. DKK, 67 firms: C '-', E 234, F '-'
        var row = Table3.Compute("VF Sjælland", 0, 15.7, 67);
        Assert.Null(row.CostPerJobTdkk);
        Assert.Null(row.JobsPerFirm);
        Tolerance.AssertClose(15700.0 / 67, row.SpendPerFirmTdkk!.Value, 1e-15, 0);
        Assert.Equal(234.0, Math.Round(row.SpendPerFirmTdkk.Value));
    }

    [Fact]
    public void Compute_UnknownBudgetLeavesCostAndSpendUndefined()
    {
        var row = Table3.Compute("x", 10, null, 5);
        Assert.Null(row.BudgetMdkk);
        Assert.Null(row.CostPerJobTdkk);
        Assert.Null(row.SpendPerFirmTdkk);
        Assert.Equal(2.0, row.JobsPerFirm);
    }

    [Fact]
    public void Compute_ZeroFirmsLeavesPerFirmFiguresUndefined()
    {
        var row = Table3.Compute("x", 10, 5.0, 0);
        Assert.Null(row.SpendPerFirmTdkk);
        Assert.Null(row.JobsPerFirm);
        Assert.Equal(500.0, row.CostPerJobTdkk);
    }

    [Fact]
    public void Compute_NegativeRawJobsHasNoCostPerJobButNegativeJobsPerFirm()
    {
        var row = Table3.Compute("x", -12, 6.0, 4);
        Assert.Null(row.CostPerJobTdkk);
        Assert.Equal(-3.0, row.JobsPerFirm);
        Assert.Equal(1500.0, row.SpendPerFirmTdkk);
    }

    [Fact]
    public void Compute_OneFirm()
    {
        var row = Table3.Compute("x", 2.5, 0.1, 1);
        Assert.Equal(40.0, row.CostPerJobTdkk!.Value, 12);
        Assert.Equal(100.0, row.SpendPerFirmTdkk!.Value, 12);
        Assert.Equal(2.5, row.JobsPerFirm);
    }

    [Fact]
    public void Compute_RejectsBadInput()
    {
        Assert.Throws<ArgumentNullException>("group", () => Table3.Compute(null!, 1, 1, 1));
        Assert.Throws<ArgumentException>("jobs", () => Table3.Compute("x", double.NaN, 1, 1));
        Assert.Throws<ArgumentException>("jobs", () => Table3.Compute("x", double.PositiveInfinity, 1, 1));
        Assert.Throws<ArgumentException>("budgetMdkk", () => Table3.Compute("x", 1, double.NaN, 1));
        Assert.Throws<ArgumentException>("budgetMdkk", () => Table3.Compute("x", 1, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("firmsMeasured", () => Table3.Compute("x", 1, 1, -1));
    }
}
