using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The firm covariates the measurement can match on.</summary>
public enum FirmCovariate
{
    /// <summary>log(1 + FTE) at baseline.</summary>
    Fte,

    /// <summary>log(1 + turnover) at baseline.</summary>
    Turnover,

    /// <summary>Employment growth log(1 + FTE at baseline) - log(1 + FTE at history start); 0 for firms without a history.</summary>
    Growth,
}

/// <summary>Per-firm covariates, history flags and outcomes of a register for one measurement window.</summary>
internal sealed class FirmCovariates
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
        _ => throw new ArgumentOutOfRangeException(nameof(covariate), covariate, "Unknown covariate."),
    };

    public static string Name(FirmCovariate covariate) => covariate switch
    {
        FirmCovariate.Fte => "log(1+FTE)",
        FirmCovariate.Turnover => "log(1+turnover)",
        FirmCovariate.Growth => "FTE growth (log)",
        _ => covariate.ToString(),
    };
}
