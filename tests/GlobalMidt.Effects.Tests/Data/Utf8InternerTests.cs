using System.Text;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>The interner's codes (first appearance) whether values come in increasing order (no table) or not (the
/// table built when the order first breaks), against a dictionary; and <see cref="Register.FindFirm"/> on a loaded
/// register (binary search) against the ids' positions.</summary>
public sealed class Utf8InternerTests
{
    public static TheoryData<string[]> Sequences => new()
    {
        new[] { "1", "2", "10", "11", "9", "2", "100", "10", "abc", "1" },
        new[] { "b", "a", "b", "c", "a" },
        new[] { "10000084", "10000289", "10001640", "10000289", "10000084", "10002000" },
        new[] { "x", "x", "x" },
        new[] { "\u00e6", "\u00f8", "\u00e5", "\u00e6" },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void GetOrAdd_CodesInOrderOfFirstAppearance(string[] values)
    {
        var interner = new Utf8Interner();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            int code = interner.GetOrAdd(Encoding.UTF8.GetBytes(v));
            Assert.Equal(expected.TryGetValue(v, out int c) ? c : expected[v] = expected.Count, code);
        }

        Assert.Equal(expected.OrderBy(e => e.Value).Select(e => e.Key), interner.Names);
    }

    [Fact]
    public void GetOrAdd_ManySortedValuesThenRepeats_SameCodes()
    {
        var interner = new Utf8Interner();
        for (int i = 0; i < 5000; i++)
        {
            Assert.Equal(i, interner.GetOrAdd(Encoding.UTF8.GetBytes((1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        for (int i = 4999; i >= 0; i -= 7)
        {
            Assert.Equal(i, interner.GetOrAdd(Encoding.UTF8.GetBytes((1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        Assert.Equal(5000, interner.GetOrAdd("x"u8));
        Assert.Equal(5000, interner.GetOrAdd("x"u8));
        Assert.Equal(5001, interner.Count);
    }

    [Fact]
    public void NumericKeys_OrderAsTheComparerAndEqualOnlyForEqualIds()
    {
        var rng = new Random(5);
        var ids = new List<string> { "0", "00", "000", "7", "07", "007", "12345678901234567", "99999999999999999", "0099999999999999999" };
        for (int i = 0; i < 3000; i++)
        {
            ids.Add(new string('0', rng.Next(3)) + rng.NextInt64(0, rng.Next(2) == 0 ? 1000 : 100_000_000_000_000_000L).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var byComparer = ids.Distinct().Order(FirmIdComparer.Instance).ToList();
        var keyed = byComparer.Select(id => (Ok: FirmIdComparer.TryNumericKey(id, out ulong key), Key: key)).ToList();
        Assert.All(keyed, k => Assert.True(k.Ok));
        for (int i = 1; i < keyed.Count; i++)
        {
            Assert.True(keyed[i - 1].Key < keyed[i].Key, byComparer[i - 1] + " / " + byComparer[i]);
        }

        Assert.False(FirmIdComparer.TryNumericKey("123456789012345678", out _));
        Assert.False(FirmIdComparer.TryNumericKey("A7", out _));
        Assert.False(FirmIdComparer.TryNumericKey("", out _));
        Assert.False(FirmIdComparer.TryNumericKey(new string('0', 32), out _));
    }

    [Fact]
    public void FindFirm_NumericRegister_EveryIdAndMissingOnes()
    {
        var csv = new StringBuilder("firm_id,period,municipality,region,industry,sector,fte,turnover\n");
        string[] ids = ["007", "7", "30", "200", "0", "12345678", "00", "99999999999999999"];
        foreach (string id in ids)
        {
            csv.Append(id).Append(",2014,751,Region Midtjylland,011100,private,1,1\n");
        }

        var register = RegisterCsv.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "firms.csv");
        for (int f = 0; f < register.FirmCount; f++)
        {
            Assert.Equal(f, register.FindFirm(register.FirmId(f)));
            Assert.Equal(f, register.FindFirm("\t" + register.FirmId(f) + " "));
        }

        foreach (string missing in new[] { "", "8", "0007", "A7", "000", "123456789012345678", "999999999999999999" })
        {
            Assert.Equal(-1, register.FindFirm(missing));
        }
    }

    [Fact]
    public void FindFirm_LoadedRegister_EveryIdAndMissingOnes()
    {
        var csv = new StringBuilder("firm_id,period,municipality,region,industry,sector,fte,turnover\n");
        string[] ids = ["A7", "007", "7", "30", "200", "B", "0", "12345678", "a7"];
        foreach (string id in ids)
        {
            csv.Append(id).Append(",2014,751,Region Midtjylland,011100,private,1,1\n");
        }

        var register = RegisterCsv.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "firms.csv");
        for (int f = 0; f < register.FirmCount; f++)
        {
            Assert.Equal(f, register.FindFirm(register.FirmId(f)));
            Assert.Equal(f, register.FindFirm(" " + register.FirmId(f) + " "));
        }

        foreach (string missing in new[] { "", "8", "0007", "A8", "zz", "99999999" })
        {
            Assert.Equal(-1, register.FindFirm(missing));
        }
    }
}
