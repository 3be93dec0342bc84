using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The trajectory columns of <see cref="FirmCovariates"/> (computed on first use) and the method's baseline.</summary>
internal sealed partial class FirmCovariates
{
    private Lazy<TrajectoryColumns>? _trajectory;
    private double[]? _fteBaselineMean;
    private double[]? _turnoverBaselineMean;

    /// <summary>The baseline of the effects and growth shares: <see cref="FteBaseline"/>, or its average over the
    /// last k periods after <see cref="UseBaselineAverage"/>.</summary>
    public double[] EffectFteBaseline => _fteBaselineMean ?? FteBaseline;

    /// <summary>The same for turnover.</summary>
    public double[] EffectTurnoverBaseline => _turnoverBaselineMean ?? TurnoverBaseline;

    /// <summary>Every firm's baseline becomes its mean over the last <paramref name="periods"/> periods up to the
    /// baseline in which it is present (periods &lt; 2: the baseline alone, as published).</summary>
    public void UseBaselineAverage(Register register, MeasurementWindow window, int periods)
    {
        if (periods < 2)
        {
            return;
        }

        _fteBaselineMean = BaselineMean(register.FteValues, register.PeriodCount, window.BaselineIndex, periods, FteBaseline);
        _turnoverBaselineMean = BaselineMean(register.TurnoverValues, register.PeriodCount, window.BaselineIndex, periods, TurnoverBaseline);
    }

    private void InitTrajectory(Register register, MeasurementWindow window) =>
        _trajectory = new Lazy<TrajectoryColumns>(() => new TrajectoryColumns(register, window, LogFte, LogTurnover));

    private double[] TrajectoryColumn(FirmCovariate covariate)
    {
        var t = _trajectory!.Value;
        return covariate switch
        {
            FirmCovariate.FtePrevious => t.LogFtePrevious,
            FirmCovariate.TurnoverPrevious => t.LogTurnoverPrevious,
            FirmCovariate.TurnoverMean => t.LogTurnoverMean,
            _ => throw new ArgumentOutOfRangeException(nameof(covariate), covariate, "Unknown covariate."),
        };
    }

    private static double[] BaselineMean(ReadOnlySpan<double> values, int periodCount, int baseline, int k, double[] single)
    {
        int n = single.Length;
        var mean = new double[n];
        int from = Math.Max(0, baseline - k + 1);
        for (int f = 0; f < n; f++)
        {
            int row = f * periodCount;
            double sum = 0;
            int count = 0;
            for (int p = from; p <= baseline; p++)
            {
                double v = values[row + p];
                if (!double.IsNaN(v))
                {
                    sum += v;
                    count++;
                }
            }

            mean[f] = count == 0 ? single[f] : sum / count;
        }

        return mean;
    }

    /// <summary>log(1+FTE) and log(1+turnover) of the period before the baseline (the baseline's own where the firm
    /// is absent then), and log(1+turnover) averaged over the periods of the history window the firm is present in.</summary>
    private sealed class TrajectoryColumns
    {
        public TrajectoryColumns(Register register, MeasurementWindow window, double[] logFte, double[] logTurnover)
        {
            int n = register.FirmCount;
            int periods = register.PeriodCount;
            var fte = register.FteValues;
            var turnover = register.TurnoverValues;
            int b = window.BaselineIndex;
            LogFtePrevious = new double[n];
            LogTurnoverPrevious = new double[n];
            LogTurnoverMean = new double[n];
            for (int f = 0; f < n; f++)
            {
                int row = f * periods;
                double fp = b > 0 ? fte[row + b - 1] : double.NaN;
                double tp = b > 0 ? turnover[row + b - 1] : double.NaN;
                LogFtePrevious[f] = double.IsNaN(fp) ? logFte[f] : Math.Log(1.0 + fp);
                LogTurnoverPrevious[f] = double.IsNaN(tp) ? logTurnover[f] : Math.Log(1.0 + tp);
                double sum = 0;
                int count = 0;
                for (int p = window.HistoryIndex; p <= b; p++)
                {
                    double v = turnover[row + p];
                    if (!double.IsNaN(v))
                    {
                        sum += Math.Log(1.0 + v);
                        count++;
                    }
                }

                LogTurnoverMean[f] = count == 0 ? logTurnover[f] : sum / count;
            }
        }

        public double[] LogFtePrevious { get; }

        public double[] LogTurnoverPrevious { get; }

        public double[] LogTurnoverMean { get; }
    }
}

/// <summary>Resolves <see cref="MeasurementOptions.Method"/> into the covariates and baseline the run uses.</summary>
internal static class MeasurementMethods
{
    /// <summary>The trajectory covariates added by <see cref="MeasurementMethod.Trajectory"/>.</summary>
    public static readonly FirmCovariate[] TrajectoryCovariates = [FirmCovariate.FtePrevious, FirmCovariate.TurnoverPrevious, FirmCovariate.TurnoverMean];

    /// <summary>The default number of baseline periods of a method.</summary>
    public static int DefaultBaselinePeriods(MeasurementMethod method) => 1;

    /// <summary>The options as run: for <see cref="MeasurementMethod.Trajectory"/> the covariates extended by the
    /// trajectory ones; the baseline periods resolved. <see cref="MeasurementMethod.Dst2016"/> and
    /// <see cref="MeasurementMethod.Robust"/> with default baseline periods return the options unchanged.</summary>
    public static MeasurementOptions Resolve(MeasurementOptions options)
    {
        int k = options.BaselinePeriods ?? DefaultBaselinePeriods(options.Method);
        if (options.Method != MeasurementMethod.Trajectory)
        {
            return options.BaselinePeriods is null ? options : options with { BaselinePeriods = k };
        }

        var covariates = options.Covariates.Concat(TrajectoryCovariates.Where(c => !options.Covariates.Contains(c))).ToArray();
        return options with { Covariates = covariates, BaselinePeriods = k };
    }
}
