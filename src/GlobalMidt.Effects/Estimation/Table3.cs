using System.Globalization;

namespace GlobalMidt.Effects.Estimation;

/// <summary>Table 3: cost per job, spend per firm and jobs per firm from jobs, budget and firms measured.</summary>
public static class Table3
{
    /// <summary>Computes one row of Table 3 from A (jobs), B (budget) and D (firms measured).</summary>
    /// <remarks>
    /// <para>C = B·1000 / A (1,000 DKK per job), E = B·1000 / D (1,000 DKK per firm), F = A / D (jobs per firm).</para>
    /// <para>C and F are undefined (null, printed <c>-</c>) when A = 0, as in the seed's Sjælland row (jobs published as
    /// 0 because the share difference was not significant). A negative A (a raw estimate) leaves C undefined (a
    /// negative cost per job has no meaning) but gives a negative F. E and F are undefined when D = 0; C and E are
    /// undefined when the budget is unknown.</para>
    /// </remarks>
    /// <param name="group">The group name.</param>
    /// <param name="jobs">A: jobs created (FTE years), finite.</param>
    /// <param name="budgetMdkk">B: budget in mio. DKK, finite and non-negative; null when unknown.</param>
    /// <param name="firmsMeasured">D: firms measured, non-negative.</param>
    public static Table3Row Compute(string group, double jobs, double? budgetMdkk, int firmsMeasured)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!double.IsFinite(jobs))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Jobs created (A) must be a finite number (got {jobs})."), nameof(jobs));
        }

        if (budgetMdkk is double b && (!double.IsFinite(b) || b < 0))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The budget (B) must be a finite, non-negative number of mio. DKK (got {b})."),
                nameof(budgetMdkk));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(firmsMeasured);

        double? cost = budgetMdkk is double b1 && jobs > 0 ? b1 * 1000 / jobs : null;
        double? spend = budgetMdkk is double b2 && firmsMeasured > 0 ? b2 * 1000 / firmsMeasured : null;
        double? perFirm = jobs != 0 && firmsMeasured > 0 ? jobs / firmsMeasured : null;
        return new Table3Row(group, jobs, budgetMdkk, cost, firmsMeasured, spend, perFirm);
    }
}
