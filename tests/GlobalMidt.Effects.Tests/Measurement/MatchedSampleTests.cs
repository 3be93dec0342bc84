using System.Globalization;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

public class MatchedSampleTests
{
    private static readonly MeasurementOptions HandOptions = new()
    {
        Method = MeasurementMethod.Dst2016,
        History = Period.FromYear(2012),
        Baseline = Period.FromYear(2013),
        Measurement = Period.FromYear(2014),
        Matching = MeasurementOptions.DefaultMatching with { Ratio = 2 },
        BootstrapReplicates = 0,
    };

    private static MeasurementResult HandResult() => EffectMeasurement.Run(
        Register.FromRecords(EffectMeasurementTests.Records()),
        EffectMeasurementTests.Participants(),
        [new GroupBudget("G1", 1.5)],
        HandOptions);

    [Fact]
    public void Pairs_OfTheHandExample_CarryLevelSlotAndWeights()
    {
        var result = HandResult();

        // G1: both participants take both controls of their cell (ratio 2): four pairs of weight 1/2; each control
        // serves two participants, raw weight 1/2 + 1/2 = 1, and two distinct controls for two raw units: weight 1.
        var g1 = result.Groups.Single(g => g.Group == "G1").Matches;
        Assert.Equal(4, g1.PairCount);
        Assert.Equal(2, g1.ParticipantCount);
        Assert.Equal(2, g1.ControlCount);
        Assert.Equal(["1001", "1001", "1002", "1002"], g1.Pairs.Select(p => p.ParticipantId));
        Assert.Equal([1, 2, 1, 2], g1.Pairs.Select(p => p.Slot));
        Assert.All(g1.Pairs, p => Assert.Equal("region+industry2+history", p.Level.ToString()));
        Assert.All(g1.Pairs, p => Assert.Equal(0.5, p.PairWeight));
        Assert.All(g1.Pairs, p => Assert.Equal(1.0, p.ControlWeight));
        Assert.Equal(["2001", "2002"], g1.Pairs.Select(p => p.ControlId).Distinct().Order());

        // G2: P3 (1003) has one control, 2003, at region + 1-digit industry (level index 1): weight 1; P4 (1004)
        // two at the national level (index 3): 1/2 each; P5 (1005) no pair.
        var g2 = result.Groups.Single(g => g.Group == "G2").Matches;
        var p3 = Assert.Single(g2.Pairs, p => p.ParticipantId == "1003");
        Assert.Equal(("2003", 1, 1, "region+industry1+history", 1.0), (p3.ControlId, p3.Slot, p3.LevelIndex, p3.Level.ToString(), p3.PairWeight));
        var p4 = g2.Pairs.Where(p => p.ParticipantId == "1004").ToList();
        Assert.Equal(2, p4.Count);
        Assert.All(p4, p => Assert.Equal((3, "history", 0.5), (p.LevelIndex, p.Level.ToString(), p.PairWeight)));
        Assert.DoesNotContain(g2.Pairs, p => p.ParticipantId == "1005");
        Assert.True(p4[0].Distance <= p4[1].Distance);
    }

    [Fact]
    public void ControlWeights_AreMatchItsWeightsOfTheSamePairs()
    {
        // MatchWeights.Compute is MatchIt's get_weights_from_mm, tested against MatchIt 4.5.1 (MatchItReferenceTests).
        foreach (var group in HandResult().Groups.Concat(SampleMeasurement.Result.Groups))
        {
            var pairs = group.Matches.Pairs;
            var rows = pairs.Select(p => p.ParticipantId).Distinct().Concat(pairs.Select(p => p.ControlId).Distinct()).ToList();
            var rowOf = rows.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            int participants = group.Matches.ParticipantCount;
            var treated = rows.Select((_, i) => i < participants).ToArray();
            var weights = MatchWeights.Compute(rows.Count, treated, [.. pairs.Select(p => new MatchedPair(rowOf[p.ParticipantId], rowOf[p.ControlId], p.Slot, p.Distance))]);
            foreach (var p in pairs)
            {
                Tolerance.AssertClose(weights[rowOf[p.ControlId]], p.ControlWeight, 1e-13, 0);
            }

            foreach (var f in group.Matches.Firms)
            {
                Tolerance.AssertClose(weights[rowOf[f.FirmId]], f.Weight, 1e-13, 0);
            }
        }
    }

    [Fact]
    public void ExportedPairs_ReproduceTable2sControlSharesAndGrowthRates()
    {
        // Reads `measure --matches` output back with a CSV reader, looks the controls' values up in the register and
        // recomputes each group's weighted control share (Table 2) and G_C, once with pair_weight over the pairs
        // (get_matches) and once with control_weight over the distinct controls (match.data).
        var result = SampleMeasurement.Result;
        var register = SampleMeasurement.Register;
        int b = result.Window.BaselineIndex;
        int m = result.Window.MeasurementIndex;
        var (header, fields) = CsvRows.Read(result.MatchesToCsv());
        var rows = fields.Select(f => new PairRow(
            f.Field(header, "group"),
            f.Field(header, "participant"),
            f.Field(header, "control"),
            double.Parse(f.Field(header, "pair_weight"), CultureInfo.InvariantCulture),
            double.Parse(f.Field(header, "control_weight"), CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(["group", "participant", "control", "slot", "level", "distance", "pair_weight", "control_weight"], header);
        Assert.Equal(result.Groups.Sum(g => g.Matches.PairCount), rows.Count);
        foreach (var g in result.Groups)
        {
            var pairs = rows.Where(r => r.Group == g.Group).ToList();
            Assert.Equal(g.Matched, pairs.Select(p => p.Participant).Distinct().Count());
            double growing = 0;
            double y0 = 0;
            double y1 = 0;
            double turnoverGrowing = 0;
            foreach (var p in pairs)
            {
                int c = register.FindFirm(p.Control);
                growing += p.PairWeight * (register.Fte(c, m) > register.Fte(c, b) ? 1 : 0);
                turnoverGrowing += p.PairWeight * (register.Turnover(c, m) > register.Turnover(c, b) ? 1 : 0);
                y0 += p.PairWeight * register.Fte(c, b);
                y1 += p.PairWeight * register.Fte(c, m);
            }

            Tolerance.AssertClose(g.Employment.Test!.ControlShare, growing / g.Matched, 1e-12, 1e-14, g.Group);
            Tolerance.AssertClose(g.Turnover.Test!.ControlShare, turnoverGrowing / g.Matched, 1e-12, 1e-14, g.Group);
            Tolerance.AssertClose(g.Employment.ControlGrowthRate, (y1 / y0) - 1, 1e-12, 1e-14, g.Group);

            var controls = pairs.DistinctBy(p => p.Control).ToList();
            Assert.Equal(g.DistinctControls, controls.Count);
            double w = controls.Sum(p => p.ControlWeight);
            Tolerance.AssertClose(controls.Count, w, 1e-12, 0);
            double shareMd = controls.Sum(p => p.ControlWeight * (register.Fte(register.FindFirm(p.Control), m) > register.Fte(register.FindFirm(p.Control), b) ? 1 : 0)) / w;
            Tolerance.AssertClose(g.Employment.Test.ControlShare, shareMd, 1e-12, 1e-14, g.Group);
        }
    }

    [Fact]
    public void Firms_ViewAloneReproducesSharesAndEffect()
    {
        foreach (var g in SampleMeasurement.Result.Groups.Where(g => g.Matched > 0))
        {
            var firms = g.Matches.Firms;
            var participants = firms.Where(f => f.IsParticipant).ToList();
            var controls = firms.Where(f => !f.IsParticipant).ToList();
            Assert.Equal(g.Matched, participants.Count);
            Assert.Equal(g.DistinctControls, controls.Count);
            Assert.Equal(g.Matches.PairCount, controls.Sum(c => c.Uses));
            Assert.Equal(g.Matches.PairCount, participants.Sum(c => c.Uses));
            double w = controls.Sum(c => c.Weight);
            double share = controls.Sum(c => c.Weight * (c.TurnoverMeasurement > c.TurnoverBaseline ? 1 : 0)) / w;
            Tolerance.AssertClose(g.Turnover.Test!.ControlShare, share, 1e-12, 1e-14, g.Group);
            double gc = (controls.Sum(c => c.Weight * c.FteMeasurement) / controls.Sum(c => c.Weight * c.FteBaseline)) - 1;
            double jobs = participants.Sum(p => p.FteMeasurement) - (participants.Sum(p => p.FteBaseline) * (1 + gc));
            Tolerance.AssertClose(g.Employment.Estimate!.Value, jobs, 1e-10, 1e-8, g.Group);
        }
    }

    [Fact]
    public void Empty_WhenNothingIsMatched()
    {
        var result = EffectMeasurement.Run(Register.FromRecords(EffectMeasurementTests.Records()), [], [], HandOptions);
        var only = Assert.Single(result.Groups);
        Assert.Same(MatchedSample.Empty, only.Matches);
        Assert.Empty(only.Matches.Pairs);
        Assert.Empty(only.Matches.Firms);
        Assert.Equal("group,participant,control,slot,level,distance,pair_weight,control_weight\n", result.MatchesToCsv());
    }

    private sealed record PairRow(string Group, string Participant, string Control, double PairWeight, double ControlWeight);
}
