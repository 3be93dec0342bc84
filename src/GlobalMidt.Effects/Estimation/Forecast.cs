using System.Globalization;

namespace GlobalMidt.Effects.Estimation;

/// <summary>The forecast of the seed: expected jobs of a planned budget at a measured cost per job.</summary>
public static class Forecast
{
    /// <summary>
    /// Expected jobs (FTE years) = budget / cost per job = <c>planBudgetMdkk * 1000 / costPerJobTdkk</c>.
    /// </summary>
    /// <remarks>
    /// Seed: 37.4 mio. DKK at the Central Denmark cost per job: 37,400,000 / 45,946 = 814 (the unrounded
    /// 130.9 mio. / 2,849 jobs); the rounded 46,000 DKK gives 813. The result is not rounded.
    /// </remarks>
    /// <param name="planBudgetMdkk">Planned budget in mio. DKK, finite and non-negative.</param>
    /// <param name="costPerJobTdkk">Cost per job in 1,000 DKK, finite and greater than 0.</param>
    /// <exception cref="AnalysisException">The expected jobs overflow (a cost per job near 0).</exception>
    public static double ExpectedJobs(double planBudgetMdkk, double costPerJobTdkk)
    {
        if (!double.IsFinite(planBudgetMdkk) || planBudgetMdkk < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(planBudgetMdkk), planBudgetMdkk, "The planned budget must be a finite, non-negative number of mio. DKK.");
        }

        if (double.IsNaN(costPerJobTdkk) || costPerJobTdkk <= 0 || double.IsPositiveInfinity(costPerJobTdkk))
        {
            throw new ArgumentOutOfRangeException(
                nameof(costPerJobTdkk),
                costPerJobTdkk,
                "The cost per job must be a finite number of 1,000 DKK greater than 0 (it is undefined when no jobs were created).");
        }

        double jobs = planBudgetMdkk * 1000 / costPerJobTdkk;
        if (!double.IsFinite(jobs))
        {
            throw new AnalysisException(string.Create(
                CultureInfo.InvariantCulture,
                $"The forecast of a planned budget of {planBudgetMdkk:G6} mio. DKK at a cost per job of {costPerJobTdkk:G6} (1,000 DKK) is not a finite number of jobs."));
        }

        return jobs;
    }

    /// <summary>Expected jobs of a planned budget at the cost per job (C) of a Table 3 row.</summary>
    /// <param name="planBudgetMdkk">Planned budget in mio. DKK.</param>
    /// <param name="row">The row whose cost per job is used; its C must be defined.</param>
    public static double ExpectedJobs(double planBudgetMdkk, Table3Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.CostPerJobTdkk is not double cost)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Group '{row.Group}' has no cost per job (jobs = {row.Jobs}, budget = {(row.BudgetMdkk is double b ? b.ToString(CultureInfo.InvariantCulture) : "unknown")}), so no forecast can be made from it."),
                nameof(row));
        }

        return ExpectedJobs(planBudgetMdkk, cost);
    }
}
