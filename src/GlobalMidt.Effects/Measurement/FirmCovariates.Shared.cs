using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The covariates of another measurement period with the same history and baseline (the series).</summary>
internal sealed partial class FirmCovariates
{
    /// <summary>The covariates of <paramref name="window"/>, sharing with <paramref name="shared"/> (same register,
    /// history and baseline; <see cref="UseBaselineAverage"/> already applied) every column but the measurement's.</summary>
    public FirmCovariates(FirmCovariates shared, Register register, MeasurementWindow window)
    {
        int n = register.FirmCount;
        int periods = register.PeriodCount;
        var fte = register.FteValues;
        var turnover = register.TurnoverValues;
        FteBaseline = shared.FteBaseline;
        TurnoverBaseline = shared.TurnoverBaseline;
        HasHistory = shared.HasHistory;
        LogFte = shared.LogFte;
        LogTurnover = shared.LogTurnover;
        Growth = shared.Growth;
        _trajectory = shared._trajectory;
        _export = shared._export;
        _fteBaselineMean = shared._fteBaselineMean;
        _turnoverBaselineMean = shared._turnoverBaselineMean;
        FteMeasurement = new double[n];
        TurnoverMeasurement = new double[n];
        for (int f = 0; f < n; f++)
        {
            int row = (f * periods) + window.MeasurementIndex;
            FteMeasurement[f] = fte[row];
            TurnoverMeasurement[f] = turnover[row];
        }
    }
}
