using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

public class BiasAdjustmentTests
{
    private static readonly Period[] Years = [Period.FromYear(2012), Period.FromYear(2013), Period.FromYear(2014)];

    /// <summary>Untreated growth that rises with size: log(1 + Y1) = log(1 + Y0) + 0.05 + 0.04 log(1 + Y0).</summary>
    private static double Untreated(double y0) => (Math.Exp(Math.Log(1 + y0) * 1.04 + 0.05)) - 1;

    /// <summary>
    /// 300 controls of 1-150 FTE and 30 participants of 200-490 FTE (outside the controls' range, so their nearest
    /// controls are smaller and grow less); the programme adds 10 % at measurement.
    /// </summary>
    private static (Register Register, List<Participant> Participants, double TrueJobs) Build()
    {
        var rows = new List<FirmPeriodRecord>();
        void Firm(string id, double y0, double y1)
        {
            rows.Add(new FirmPeriodRecord(id, Years[0], "751", "R", "620100", false, y0, 100 * y0));
            rows.Add(new FirmPeriodRecord(id, Years[1], "751", "R", "620100", false, y0, 100 * y0));
            rows.Add(new FirmPeriodRecord(id, Years[2], "751", "R", "620100", false, y1, 100 * y1));
        }

        for (int i = 0; i < 300; i++)
        {
            double y0 = 1 + (i * 0.5);
            Firm($"2{i:D4}", y0, Untreated(y0));
        }

        var participants = new List<Participant>();
        double trueJobs = 0;
        for (int i = 0; i < 30; i++)
        {
            double y0 = 200 + (i * 10);
            double counterfactual = Untreated(y0);
            Firm($"1{i:D4}", y0, counterfactual * 1.1);
            trueJobs += counterfactual * 0.1;
            participants.Add(new Participant($"1{i:D4}", "p", "G"));
        }

        return (Register.FromRecords(rows), participants, trueJobs);
    }

    private static double Jobs(bool adjust, EffectEstimator estimator)
    {
        var (register, participants, _) = Build();
        var result = EffectMeasurement.Run(register, participants, [], new MeasurementOptions
        {
            History = Years[0],
            Baseline = Years[1],
            Measurement = Years[2],
            Covariates = [FirmCovariate.Fte],
            Levels = [MatchingLevel.Parse("national")],
            BootstrapReplicates = 0,
            BiasAdjust = adjust,
            Estimator = estimator,
        });
        return result.Groups[0].Employment.Estimate!.Value;
    }

    [Theory]
    [InlineData(EffectEstimator.Aggregate)]
    [InlineData(EffectEstimator.Pairwise)]
    public void BiasAdjust_RemovesMostOfTheBiasOfPoorMatches(EffectEstimator estimator)
    {
        double truth = Build().TrueJobs;
        double plain = Jobs(adjust: false, estimator);
        double adjusted = Jobs(adjust: true, estimator);

        // Without adjustment the small controls grow too little and the effect is over-estimated.
        Assert.True(plain > truth * 1.2, $"plain {plain:F1} vs truth {truth:F1}");
        Assert.True(Math.Abs(adjusted - truth) < 0.1 * Math.Abs(plain - truth), $"adjusted {adjusted:F1}, plain {plain:F1}, truth {truth:F1}");
    }
}
