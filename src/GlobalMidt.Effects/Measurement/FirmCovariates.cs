using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Measurement;

/// <summary>Per-firm covariates, history flags and outcomes of a register for one measurement window.</summary>
internal sealed partial class FirmCovariates
{
    public FirmCovariates(Register register, MeasurementWindow window)
    {
        int n = register.FirmCount;
        int periods = register.PeriodCount;
        var fte = register.FteValues;
        var turnover = register.TurnoverValues;
        FteBaseline = new double[n];
        FteMeasurement = new double[n];
        TurnoverBaseline = new double[n];
        TurnoverMeasurement = new double[n];
        HasHistory = new bool[n];
        LogFte = new double[n];
        LogTurnover = new double[n];
        Growth = new double[n];
        for (int f = 0; f < n; f++)
        {
            int row = f * periods;
            double fb = fte[row + window.BaselineIndex];
            double tb = turnover[row + window.BaselineIndex];
            FteBaseline[f] = fb;
            TurnoverBaseline[f] = tb;
            FteMeasurement[f] = fte[row + window.MeasurementIndex];
            TurnoverMeasurement[f] = turnover[row + window.MeasurementIndex];
            double fh = fte[row + window.HistoryIndex];
            bool history = window.HistoryIndex < window.BaselineIndex && !double.IsNaN(fh);
            HasHistory[f] = history;
            LogFte[f] = Math.Log(1.0 + fb);
            LogTurnover[f] = Math.Log(1.0 + tb);
            Growth[f] = history ? LogFte[f] - Math.Log(1.0 + fh) : 0.0;
        }

        InitTrajectory(register, window);
        InitExport(register, window);
    }

    /// <summary>The covariates of <paramref name="window"/>, baseline values averaged over <paramref name="baselinePeriods"/>.</summary>
    public static FirmCovariates ForWindow(Register register, MeasurementWindow window, int baselinePeriods)
    {
        var covariates = new FirmCovariates(register, window);
        covariates.UseBaselineAverage(register, window, baselinePeriods);
        return covariates;
    }

    public double[] FteBaseline { get; }

    public double[] FteMeasurement { get; }

    public double[] TurnoverBaseline { get; }

    public double[] TurnoverMeasurement { get; }

    public bool[] HasHistory { get; }

    public double[] LogFte { get; }

    public double[] LogTurnover { get; }

    public double[] Growth { get; }

    public double[] Column(FirmCovariate covariate) => covariate switch
    {
        FirmCovariate.Fte => LogFte,
        FirmCovariate.Turnover => LogTurnover,
        FirmCovariate.Growth => Growth,
        FirmCovariate.Export or FirmCovariate.Exporter => ExportColumn(covariate),
        _ => TrajectoryColumn(covariate),
    };

    public static string Name(FirmCovariate covariate) => covariate switch
    {
        FirmCovariate.Fte => "log(1+FTE)",
        FirmCovariate.Turnover => "log(1+turnover)",
        FirmCovariate.Growth => "FTE growth (log)",
        FirmCovariate.FtePrevious => "log(1+FTE) before baseline",
        FirmCovariate.TurnoverPrevious => "log(1+turnover) before baseline",
        FirmCovariate.TurnoverMean => "log(1+turnover) history mean",
        FirmCovariate.Export => "log(1+export)",
        FirmCovariate.Exporter => "exporter",
        _ => covariate.ToString(),
    };
}
