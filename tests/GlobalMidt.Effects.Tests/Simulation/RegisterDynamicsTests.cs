using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Simulation;

/// <summary>The generator's dynamics (issue 12): the classic model by default, transitory shocks and selection after a
/// good period with <see cref="RegisterDynamics.Realistic"/>.</summary>
public class RegisterDynamicsTests
{
    private static SimulationOptions Options(RegisterDynamics dynamics) => new() { Firms = 20_000, Seed = 5, Dynamics = dynamics };

    [Fact]
    public void Default_IsClassic_AndAnEqualInstanceGivesTheSameRegister()
    {
        Assert.Same(RegisterDynamics.Classic, new SimulationOptions().Dynamics);
        var a = RegisterSimulator.Simulate(new SimulationOptions { Firms = 3_000, Seed = 2 });
        var b = RegisterSimulator.Simulate(new SimulationOptions { Firms = 3_000, Seed = 2, Dynamics = new RegisterDynamics { FteGrowthPersistence = 0.4, SdTransitoryFte = 0 } });
        Assert.Equal(a.Panel.FteHundredths, b.Panel.FteHundredths);
        Assert.Equal(a.Panel.TurnoverTenths, b.Panel.TurnoverTenths);
        Assert.Equal(a.Participants, b.Participants);
    }

    [Fact]
    public void Realistic_KeepsFirmsAndLifetimes_ChangesTheLevels()
    {
        var classic = RegisterSimulator.Simulate(Options(RegisterDynamics.Classic)).Panel;
        var realistic = RegisterSimulator.Simulate(Options(RegisterDynamics.Realistic)).Panel;
        Assert.Equal(classic.Ids, realistic.Ids);
        Assert.Equal(classic.Industry, realistic.Industry);
        Assert.Equal(classic.Birth, realistic.Birth);
        Assert.NotEqual(classic.FteHundredths, realistic.FteHundredths);
    }

    /// <summary>
    /// A transitory shock of SD s adds -s² to the covariance of consecutive log changes: with s = 0.10 (FTE) on top of
    /// persistent growth (AR 0.4, SD 0.12) the lag-1 autocorrelation of log(1+FTE) changes of established firms falls
    /// from positive (momentum) to clearly lower.
    /// </summary>
    [Fact]
    public void Realistic_LogChangesRevert()
    {
        double classic = LagOneAutocorrelation(RegisterSimulator.Simulate(Options(RegisterDynamics.Classic)).Panel);
        double realistic = LagOneAutocorrelation(RegisterSimulator.Simulate(Options(RegisterDynamics.Realistic)).Panel);
        Assert.True(classic > 0.1, $"classic {classic:F3}");
        Assert.True(realistic < classic - 0.2, $"classic {classic:F3}, realistic {realistic:F3}");
    }

    /// <summary>Participants are recruited after a good period: their log FTE growth from the period before the
    /// baseline to the baseline exceeds the non-participants' by more than in the classic model.</summary>
    [Fact]
    public void Realistic_SelectsOnTheLastPeriodsGrowth()
    {
        double classic = RecentGrowthGap(RegisterSimulator.Simulate(Options(RegisterDynamics.Classic)));
        double realistic = RecentGrowthGap(RegisterSimulator.Simulate(Options(RegisterDynamics.Realistic)));
        Assert.True(realistic > classic + 0.05, $"classic {classic:F3}, realistic {realistic:F3}");
    }

    [Theory]
    [InlineData(nameof(RegisterDynamics.SdTransitoryFte))]
    [InlineData(nameof(RegisterDynamics.FteGrowthPersistence))]
    public void Validate_NamesTheSetting(string name)
    {
        var dynamics = name == nameof(RegisterDynamics.SdTransitoryFte)
            ? new RegisterDynamics { SdTransitoryFte = -0.1 }
            : new RegisterDynamics { FteGrowthPersistence = 1.5 };
        var e = Assert.Throws<ArgumentException>(() => new SimulationOptions { Dynamics = dynamics }.Validate());
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    private static double LagOneAutocorrelation(SimulatedPanel panel)
    {
        int t = panel.PeriodCount;
        var pairs = new List<(double A, double B)>();
        for (int f = 0; f < panel.FirmCount; f++)
        {
            for (int p = 2; p < t; p++)
            {
                int a = panel.FteHundredths[(f * t) + p - 2];
                int b = panel.FteHundredths[(f * t) + p - 1];
                int c = panel.FteHundredths[(f * t) + p];
                if (a >= 500 && b >= 500 && c >= 500)
                {
                    pairs.Add((Math.Log(b + 100.0) - Math.Log(a + 100.0), Math.Log(c + 100.0) - Math.Log(b + 100.0)));
                }
            }
        }

        double ma = pairs.Average(x => x.A);
        double mb = pairs.Average(x => x.B);
        double cov = pairs.Sum(x => (x.A - ma) * (x.B - mb));
        double va = pairs.Sum(x => (x.A - ma) * (x.A - ma));
        double vb = pairs.Sum(x => (x.B - mb) * (x.B - mb));
        return cov / Math.Sqrt(va * vb);
    }

    private static double RecentGrowthGap(SimulatedProgramme programme)
    {
        var panel = programme.Panel;
        int t = panel.PeriodCount;
        int b = panel.Grid.BaselineIndex;
        var participants = programme.Participants
            .Select(p => panel.IndexOf(int.Parse(p.FirmId, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(f => f >= 0)
            .ToHashSet();
        double sumIn = 0, sumOut = 0;
        int nIn = 0, nOut = 0;
        for (int f = 0; f < panel.FirmCount; f++)
        {
            int before = panel.FteHundredths[(f * t) + b - 1];
            int at = panel.FteHundredths[(f * t) + b];
            if (before < 0 || at < 0 || panel.IsPublic[f])
            {
                continue;
            }

            double g = Math.Log(1 + (at / 100.0)) - Math.Log(1 + (before / 100.0));
            if (participants.Contains(f))
            {
                sumIn += g;
                nIn++;
            }
            else
            {
                sumOut += g;
                nOut++;
            }
        }

        return (sumIn / nIn) - (sumOut / nOut);
    }
}
