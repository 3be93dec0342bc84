using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>
/// The register's firm-major matrices as the builder lays them out (rows scattered on several threads, the cells
/// without a row NaN): every cell against the records it came from, on registers of several row chunks with firms
/// missing periods, firms out of canonical order, and the optional columns; with at most 64 periods (the cells
/// without a row found from each firm's period bits) and with more (every cell set to NaN first).
/// </summary>
public sealed class RegisterMatrixTests
{
    [Theory]
    [InlineData(9, false, 30_000, false)]
    [InlineData(64, true, 3_000, false)]
    [InlineData(70, true, 3_000, false)]
    [InlineData(12, true, 25_000, false)]
    [InlineData(9, false, 30_000, true)]
    public void EveryCell_IsItsRowsValue_OrNaNWithoutARow(int periods, bool optional, int firms, bool letters)
    {
        var rng = new Random(periods * 31 + firms);
        var records = new List<FirmPeriodRecord>();
        var expected = new Dictionary<(string, Period), FirmPeriodRecord>();
        for (int f = 0; f < firms; f++)
        {
            // Ids out of canonical order (numeric CVR numbers, descending by blocks), so the firms' ranks are not
            // their order of arrival; each firm in the first period and about two thirds of the others, one in ten in
            // the first only.
            // With letters (no numeric keys) the ids sort as strings, the comparer's order for them.
            string id = (letters && f % 7 == 0 ? "F-" : string.Empty) + (90_000_000 - (f % 1000 * 1000) + (f / 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            bool sparse = rng.Next(10) == 0;
            for (int p = 0; p < periods; p++)
            {
                if (p > 0 && (sparse || rng.Next(3) == 0))
                {
                    continue;
                }

                var period = Period.FromYear(1950 + p);
                var record = new FirmPeriodRecord(id, period, "751", "Region Midtjylland", "620100", false, rng.Next(400) / 4.0, rng.Next(1_000_000) / 10.0)
                {
                    Export = optional ? rng.Next(5000) : null,
                    ValueAdded = optional ? rng.Next(-1000, 5000) : null,
                };
                records.Add(record);
                expected[(id, period)] = record;
            }
        }

        var register = Register.FromRecords(records);
        Assert.Equal(firms, register.FirmCount);
        Assert.Equal(periods, register.PeriodCount);
        int rows = 0;
        for (int f = 0; f < register.FirmCount; f++)
        {
            for (int p = 0; p < register.PeriodCount; p++)
            {
                string id = register.FirmIds[f];
                if (expected.TryGetValue((id, register.Periods[p]), out var r))
                {
                    rows++;
                    Assert.Equal(r.Fte, register.Fte(f, p));
                    Assert.Equal(r.Turnover, register.Turnover(f, p));
                    if (optional)
                    {
                        Assert.Equal(r.Export!.Value, register.Export(f, p));
                        Assert.Equal(r.ValueAdded!.Value, register.ValueAdded(f, p));
                    }
                }
                else
                {
                    Assert.True(double.IsNaN(register.Fte(f, p)), $"{id} {register.Periods[p]} fte");
                    Assert.True(double.IsNaN(register.Turnover(f, p)), $"{id} {register.Periods[p]} turnover");
                    if (optional)
                    {
                        Assert.True(double.IsNaN(register.Export(f, p)), $"{id} {register.Periods[p]} export");
                        Assert.True(double.IsNaN(register.ValueAdded(f, p)), $"{id} {register.Periods[p]} value added");
                    }
                }
            }
        }

        Assert.Equal(records.Count, rows);

        // The ids in canonical order, each found where it is (numeric keys from the load, or the comparer).
        for (int f = 0; f < register.FirmCount; f++)
        {
            if (f > 0)
            {
                Assert.True(FirmIdComparer.Instance.Compare(register.FirmIds[f - 1], register.FirmIds[f]) < 0, register.FirmIds[f]);
            }

            Assert.Equal(f, register.FindFirm(register.FirmIds[f]));
        }

        Assert.Equal(-1, register.FindFirm("12345"));
        Assert.True(records.Count > 65_536 || periods > 64, "several row chunks or more than 64 periods");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70_000)]
    [InlineData(70_001)]
    [InlineData(12_345)]
    [InlineData(139_999)]
    public void ManyFirms_InOrderButOnePair_AreInCanonicalOrderWithTheirValues(int swapAt)
    {
        // 140,000 firms: their ids are read and checked in parts on the cores (from 2 x 65,536 firms). The ids arrive
        // ascending but for the pair at swapAt - 1 and swapAt (-1: none), inside a part or across parts' boundary.
        const int firms = 140_000;
        var ids = Enumerable.Range(0, firms).Select(f => (10_000_000 + (7 * f)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (swapAt > 0)
        {
            (ids[swapAt - 1], ids[swapAt]) = (ids[swapAt], ids[swapAt - 1]);
        }

        var records = ids.Select((id, f) => new FirmPeriodRecord(id, Period.FromYear(2010), "751", "Region Midtjylland", "620100", false, f, 2.0 * f)).ToList();

        var register = Register.FromRecords(records);

        Assert.Equal(firms, register.FirmCount);
        for (int f = 0; f < firms; f++)
        {
            string expected = (10_000_000 + (7 * f)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, register.FirmIds[f]);
            int arrival = swapAt > 0 && f == swapAt - 1 ? swapAt : swapAt > 0 && f == swapAt ? swapAt - 1 : f;
            Assert.Equal(arrival, register.Fte(f, 0));
            Assert.Equal(2.0 * arrival, register.Turnover(f, 0));
            Assert.Equal(f, register.FindFirm(expected));
        }
    }
}
