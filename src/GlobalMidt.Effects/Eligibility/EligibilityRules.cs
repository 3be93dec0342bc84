using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Eligibility;

/// <summary>
/// The eligibility rules of the measurement (docs/method.md step 1): private firms with real economic activity
/// through the whole window baseline..measurement.
/// </summary>
internal static class EligibilityRules
{
    /// <summary>The first failing reason for register firm <paramref name="firm"/> (-1 for an id not in the register).</summary>
    public static ExclusionReason Classify(Register register, int firm, MeasurementWindow window)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(window);
        if (firm < 0)
        {
            return ExclusionReason.Unknown;
        }

        if (register.IsPublic(firm))
        {
            return ExclusionReason.Public;
        }

        var fte = register.FteValues;
        var turnover = register.TurnoverValues;
        int row = firm * register.PeriodCount;
        bool inactive = false;
        for (int p = window.BaselineIndex; p <= window.MeasurementIndex; p++)
        {
            double f = fte[row + p];
            if (double.IsNaN(f))
            {
                return ExclusionReason.Ceased;
            }

            if (f == 0 && turnover[row + p] == 0)
            {
                inactive = true;
            }
        }

        return inactive ? ExclusionReason.Inactive : ExclusionReason.None;
    }

    /// <summary>Classifies every register firm (index = firm).</summary>
    public static ExclusionReason[] ClassifyAll(Register register, MeasurementWindow window)
    {
        ArgumentNullException.ThrowIfNull(register);
        var reasons = new ExclusionReason[register.FirmCount];
        for (int f = 0; f < reasons.Length; f++)
        {
            reasons[f] = Classify(register, f, window);
        }

        return reasons;
    }
}
