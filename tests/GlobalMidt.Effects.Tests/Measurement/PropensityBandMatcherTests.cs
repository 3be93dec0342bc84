using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>
/// Nearest neighbours within propensity subclasses (<see cref="PropensityBandMatcher"/>) on a small simulated
/// register, checked by brute force: with the plain Euclidean distance, every participant's controls are the k
/// controls of its own subclass (<see cref="PropensitySubclasses"/>, tested against R) nearest to it; with the log
/// odds as a covariate, the k controls of the whole pool nearest on the covariates and the log odds.
/// </summary>
public sealed class PropensityBandMatcherTests
{
    [Fact]
    public void Controls_AreTheNearestOfTheParticipantsSubclass()
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 6_000, Seed = 7 });
        var register = programme.ToRegister();
        var options = new MeasurementOptions();
        var window = MeasurementWindow.Resolve(register, options.History, options.Baseline, options.Measurement);
        var reasons = EligibilityRules.ClassifyAll(register, window);
        var groups = ActivityGroups.For(options.By, register, programme.Participants, reasons);
        var pool = ParticipantGroups.ControlPool(register, reasons, groups[^1]);
        var covariates = new FirmCovariates(register, window);
        covariates.UseBaselineAverage(register, window, 1);
        var participants = groups[^1].MeasuredFirms();
        Assert.True(participants.Length >= 50, $"only {participants.Length} participants");
        const int ratio = 3;
        var matching = new MatchingOptions { Distance = DistanceMetric.Euclidean, Ratio = ratio, Replace = true };

        var sample = PropensityBandMatcher.Match(register, covariates, participants, pool, options.Covariates, options.Levels, 0.1, matching, 1);

        // Every participant is matched (a subclass holds at least 10 controls), with exactly `ratio` controls.
        Assert.Equal(participants, sample.ParticipantFirms);
        Assert.Empty(sample.Unmatched);
        var lin = PropensitySubclasses.LinearPredictor(register, covariates, participants, pool, options.Covariates, 1);
        var (participantClass, classControls) = PropensitySubclasses.Subclasses(lin, participants.Length, 0.1, PropensitySubclasses.MinControls);
        var columns = options.Covariates.Select(covariates.Column).ToArray();
        double Distance(int a, int b) => Math.Sqrt(columns.Sum(c => (c[a] - c[b]) * (c[a] - c[b])));
        for (int t = 0; t < participants.Length; t++)
        {
            var chosen = sample.ControlFirms[sample.Offsets[t]..sample.Offsets[t + 1]];
            Assert.Equal(ratio, chosen.Length);
            var subclass = classControls[participantClass[t]].Select(r => pool[r - participants.Length]).ToArray();
            Assert.All(chosen, c => Assert.Contains(c, subclass));
            int firm = participants[t];
            double farthestChosen = chosen.Max(c => Distance(firm, c));
            double nearestOther = subclass.Except(chosen).Min(c => Distance(firm, c));
            Assert.True(farthestChosen <= nearestOther + 1e-9, $"participant {t}: a chosen control at {farthestChosen} while another of its subclass is at {nearestOther}");
        }
    }

    [Fact]
    public void LogOddsCovariate_ControlsAreTheNearestOfThePoolOnCovariatesAndLogOdds()
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 6_000, Seed = 7 });
        var register = programme.ToRegister();
        var options = new MeasurementOptions();
        var window = MeasurementWindow.Resolve(register, options.History, options.Baseline, options.Measurement);
        var reasons = EligibilityRules.ClassifyAll(register, window);
        var groups = ActivityGroups.For(options.By, register, programme.Participants, reasons);
        var pool = ParticipantGroups.ControlPool(register, reasons, groups[^1]);
        var covariates = new FirmCovariates(register, window);
        covariates.UseBaselineAverage(register, window, 1);
        var participants = groups[^1].MeasuredFirms();
        var matching = new MatchingOptions { Distance = DistanceMetric.Euclidean, Ratio = 2, Replace = true };

        var sample = PropensityBandMatcher.Match(register, covariates, participants, pool, options.Covariates, options.Levels, 0.1, matching, 1, logOddsCovariate: true);

        Assert.Equal(participants, sample.ParticipantFirms);
        var lin = PropensitySubclasses.LinearPredictor(register, covariates, participants, pool, options.Covariates, 1);
        var columns = options.Covariates.Select(covariates.Column).ToArray();
        double Distance(int t, int row)
        {
            int a = participants[t], b = pool[row];
            double d = lin[t] - lin[participants.Length + row];
            return Math.Sqrt(columns.Sum(c => (c[a] - c[b]) * (c[a] - c[b])) + (d * d));
        }

        var rowOf = pool.Select((firm, row) => (firm, row)).ToDictionary(x => x.firm, x => x.row);
        for (int t = 0; t < participants.Length; t += 7)
        {
            var chosen = sample.ControlFirms[sample.Offsets[t]..sample.Offsets[t + 1]].Select(c => rowOf[c]).ToHashSet();
            Assert.Equal(2, chosen.Count);
            double farthestChosen = chosen.Max(r => Distance(t, r));
            double nearestOther = Enumerable.Range(0, pool.Length).Where(r => !chosen.Contains(r)).Min(r => Distance(t, r));
            Assert.True(farthestChosen <= nearestOther + 1e-9, $"participant {t}: a chosen control at {farthestChosen} while another of the pool is at {nearestOther}");
        }
    }
}
