using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Tests.Estimation;

public class ForecastTests
{
    [Fact]
    public void ExpectedJobs_UnroundedMidtjyllandCostGives814()
    {
        // Seed: 37.4 mio. DKK at 130.9 mio. / 2,849 jobs = 45,946 DKK per job -> 814 jobs (published).
        double cost = 130.9 * 1000 / 2849;
        double jobs = Forecast.ExpectedJobs(37.4, cost);
        Tolerance.AssertClose(37.4 * 2849 / 130.9, jobs, 1e-14, 0);
        Assert.Equal(814.0, Math.Round(jobs));
    }

    [Fact]
    public void ExpectedJobs_RoundedCost46000Gives813()
    {
        // The seed's own formula 37,400,000 / 46,000 = 813.04, i.e. 813, not the printed 814.
        double jobs = Forecast.ExpectedJobs(37.4, 46);
        Tolerance.AssertClose(37400.0 / 46, jobs, 1e-15, 0);
        Assert.Equal(813.0, Math.Round(jobs));
    }

    [Fact]
    public void ExpectedJobs_FromTable3Row()
    {
        var row = Table3.Compute("VF Midtjylland", 2849, 130.9, 589);
        Assert.Equal(814.0, Math.Round(Forecast.ExpectedJobs(37.4, row)));
    }

    [Fact]
    public void ExpectedJobs_RowWithoutCostPerJobThrowsWithGroupName()
    {
        var row = Table3.Compute("VF Sjælland", 0, 15.7, 67);
        var ex = Assert.Throws<ArgumentException>("row", () => Forecast.ExpectedJobs(37.4, row));
        Assert.Contains("VF Sjælland", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-46.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ExpectedJobs_RejectsNonPositiveOrNaNCost(double cost)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>("costPerJobTdkk", () => Forecast.ExpectedJobs(37.4, cost));
        Assert.Contains("greater than 0", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void ExpectedJobs_RejectsBadBudget(double budget)
    {
        Assert.Throws<ArgumentOutOfRangeException>("planBudgetMdkk", () => Forecast.ExpectedJobs(budget, 46));
    }

    [Fact]
    public void ExpectedJobs_ZeroBudgetGivesZero()
    {
        Assert.Equal(0.0, Forecast.ExpectedJobs(0, 46));
    }

    [Fact]
    public void ExpectedJobs_Overflowing_IsAnAnalysisError()
    {
        // 1e9 mio. DKK at 1e-300 tkr. per job: 1e12 / 1e-300 is beyond the largest double.
        var e = Assert.Throws<AnalysisException>(() => Forecast.ExpectedJobs(1e9, 1e-300));
        Assert.Contains("is not a finite number of jobs", e.Message, StringComparison.Ordinal);
        Assert.Equal(1e12 / 1e-290, Forecast.ExpectedJobs(1e9, 1e-290));
    }
}
