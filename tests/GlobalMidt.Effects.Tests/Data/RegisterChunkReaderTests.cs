using System.Globalization;
using System.IO.Compression;
using System.Text;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>The register read in blocks (<see cref="RegisterChunkReader"/>, what <see cref="RegisterCsv.Load(Stream,
/// string, RegisterLoadOptions?)"/> does) against the row-by-row CSV reader it replaces (<see cref="RegisterCsv.ReadRows"/>
/// over one <see cref="CsvInput"/>): the same register, or the same errors with the same lines, on files of several
/// blocks with the irregular row anywhere.</summary>
public sealed class RegisterChunkReaderTests
{
    private const string Header = "firm_id,period,municipality,region,industry,sector,fte,turnover";

    /// <summary>About 3.5 MB of plain rows (several 1 MB blocks), grouped by firm, 5 periods each.</summary>
    private static List<string> Rows(int firms = 11_000, string extraColumns = "")
    {
        var rows = new List<string>(firms * 5);
        var rng = new Random(7);
        for (int f = 0; f < firms; f++)
        {
            int industry = 10 + rng.Next(80);
            string region = rng.Next(2) == 0 ? "Region Midtjylland" : "Region Hovedstaden";
            for (int p = 0; p < 5; p++)
            {
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{10_000_000 + (f * 7)},{2010 + p}H2,{700 + (f % 50)},{region},{industry}0000,private,{rng.Next(200) / 4.0},{rng.Next(100_000) / 10.0}{extraColumns}"));
            }
        }

        return rows;
    }

    private static byte[] Text(string header, IEnumerable<string> rows, string newline = "\n") =>
        Encoding.UTF8.GetBytes(header + newline + string.Join(newline, rows) + newline);

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static (Register? Register, InputDataException? Error) RowByRow(byte[] data, RegisterLoadOptions options) =>
        RowByRow(new MemoryStream(data), options);

    private static (Register? Register, InputDataException? Error) RowByRow(Stream data, RegisterLoadOptions options)
    {
        try
        {
            using var input = CsvInput.Open(data, "firms.csv", options, RegisterBuilder.ColumnNames, optional: RegisterBuilder.OptionalColumnNames);
            var builder = new RegisterBuilder("firms.csv", options, input.Errors);
            builder.EnableOptionalColumns(input.Has(8), input.Has(9));
            RegisterCsv.ReadRows(input, builder);
            return (builder.Build(), null);
        }
        catch (InputDataException e)
        {
            return (null, e);
        }
    }

    private static (Register? Register, InputDataException? Error) InBlocks(byte[] data, RegisterLoadOptions options)
    {
        try
        {
            return (RegisterCsv.Load(new MemoryStream(data), "firms.csv", options), null);
        }
        catch (InputDataException e)
        {
            return (null, e);
        }
    }

    private static void AssertSame(byte[] data, RegisterLoadOptions? options = null, bool expectErrors = false)
    {
        options ??= RegisterLoadOptions.Default;
        var expected = RowByRow(data, options);
        var actual = InBlocks(data, options);
        if (expected.Error is { } e)
        {
            Assert.True(expectErrors, "unexpected errors: " + e.Message);
            Assert.NotNull(actual.Error);
            Assert.Equal(e.TotalErrors, actual.Error.TotalErrors);
            Assert.Equal(e.Errors, actual.Error.Errors);
            return;
        }

        Assert.False(expectErrors, "expected errors");
        Assert.Null(actual.Error);
        var (a, b) = (expected.Register!, actual.Register!);
        Assert.Equal(a.FirmIds, b.FirmIds);
        Assert.Equal(a.Periods, b.Periods);
        Assert.Equal(a.RegionNames, b.RegionNames);
        Assert.Equal(a.IndustryNames, b.IndustryNames);
        Assert.Equal(a.MunicipalityNames, b.MunicipalityNames);
        Assert.True(a.RegionCodes.SequenceEqual(b.RegionCodes));
        Assert.True(a.IndustryCodes.SequenceEqual(b.IndustryCodes));
        Assert.True(a.MunicipalityCodes.SequenceEqual(b.MunicipalityCodes));
        Assert.True(a.PublicFlags.SequenceEqual(b.PublicFlags));
        Assert.True(a.FteValues.SequenceEqual(b.FteValues));
        Assert.True(a.TurnoverValues.SequenceEqual(b.TurnoverValues));
        Assert.Equal(a.HasExport, b.HasExport);
        Assert.True(a.ExportValues.SequenceEqual(b.ExportValues));
        Assert.Equal(a.FirmsWithAttributeChanges, b.FirmsWithAttributeChanges);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void PlainFileOfSeveralBlocks_SameRegister(string newline)
    {
        var data = Text(Header, Rows(), newline);
        Assert.True(data.Length > 3 << 20);
        AssertSame(data);
        AssertSame(Gzip(data));
    }

    [Fact]
    public void ShuffledRowsSpacesAndOptionalColumns_SameRegister()
    {
        var rows = Rows(extraColumns: ", 12.5 ,-3");
        var rng = new Random(3);
        rows = [.. rows.OrderBy(_ => rng.Next())];
        AssertSame(Text(Header + ",export,value_added", rows));
    }

    [Fact]
    public void NoNewlineAtTheEnd_SameRegister()
    {
        var data = Text(Header, Rows());
        AssertSame(data[..^1]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(20_000)]
    [InlineData(54_000)]
    public void IrregularRowAnywhere_SameErrorsOrRegister(int at)
    {
        string[] irregular =
        [
            "10000000,2010H2,700,Region Midtjylland,100000,private,abc,1",               // not a number
            "10000000,2010H2,700,Region Midtjylland,100000,private,1e9,1",               // out of range
            "10000007,2011H2,701,\"Region, quoted\",100000,private,1,1",                 // quoted field
            "10000007,2011H2,701,Region Midtjylland,100000,private,1",                   // field count
            "10000007,2011H2,701,Region Midtjylland,100000,private,1,1,9",               // one field more
            "",                                                                          // empty line
            "10000007,2019H2,701,Region Midtjylland,100000,private,1,2\r",               // lone carriage return at the end
            "10000007,2019H2,701,Region\rMidtjylland,100000,private,1,2",                // carriage return inside
            "10000007,2010,701,Region Midtjylland,100000,private,1,2",                   // mixed period kinds
            "99999999,2010H2,701,Region Nordjylland,100000,public,1,2",                  // a new firm, irregular order
            "10000000,2010H2,700,Region Midtjylland,100000,private,1,2",                 // duplicate
            "10000014,2016H2,999,Region Midtjylland,100000,private,1,2",                 // attribute change
            "10000014,2016H2,7\u00e6,Region Midtjylland,100000,private,1,2",             // non-ASCII text
            "10000014,2016H2,702,Region Midtjylland,100000,private, 3 , 4 ",             // spaces around numbers
            "10000014,2016H2,702,Region Midtjylland,\t100000 ,private,3,\t4\t",          // tabs around fields
        ];
        foreach (string row in irregular)
        {
            var rows = Rows();
            rows.Insert(at, row);
            var data = Text(Header, rows);
            var expected = RowByRow(data, RegisterLoadOptions.Default);
            AssertSame(data, expectErrors: expected.Error is not null);
            AssertSame(data, new RegisterLoadOptions { AttributeChangeRule = AttributeChangeRule.UseLatest, MaxErrors = 3 },
                expectErrors: RowByRow(data, new RegisterLoadOptions { AttributeChangeRule = AttributeChangeRule.UseLatest, MaxErrors = 3 }).Error is not null);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30_000)]
    public void ShortIdsThatDifferInTheirLastByte_SameRegister(int at)
    {
        // Ids of 1 to 7 bytes next to one that differs only in its last byte (or is one byte longer): other firms,
        // however the block compares them.
        var run = new List<string>();
        foreach (string id in new[] { "7", "8", "71", "72", "7123456", "7123457", "71234567", "7123456" })
        {
            run.Add(id + ",2010H2,701,Region Midtjylland,100000,private,1,1");
            run.Add(id + ",2011H2,701,Region Midtjylland,100000,private,1,1");
        }

        var rows = Rows();
        rows.InsertRange(at, run);
        AssertSame(Text(Header, rows), expectErrors: true); // "7123456" comes back: its periods repeat
        rows = Rows();
        rows.InsertRange(at, run.Take(run.Count - 2));
        AssertSame(Text(Header, rows));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30_000)]
    public void RunsOfOneFirmWithChangesAndBadIds_SameErrorsOrRegister(int at)
    {
        string[] run =
        [
            "20000001,2010H2,701,Region Midtjylland,100000,private,1,1",
            "20000001,2011H2,701,Region Midtjylland,100000,private,1,1",
            "20000001,2012H2,702,Region Midtjylland,100000,private,1,1",   // change
            "20000001,2013H2,702,Region Midtjylland,100000,private,1,1",   // same as the changed row
            "20000001,2014H2,701,Region Midtjylland,100000,private,1,1",   // back
            "20000001,2009H2,702,Region Midtjylland,100000,private,1,1",   // older period, changed
            "20000001,2008H2,702,Region Midtjylland,100000,private,1,1",
            ",2010H2,701,Region Midtjylland,100000,private,1,1",           // empty id, twice
            ",2011H2,701,Region Midtjylland,100000,private,1,1",
            "20000002,2010H2,701,Region Midtjylland,100000,private,1,1", // control character, twice
            "20000002,2011H2,701,Region Midtjylland,100000,private,1,1",
            "20000003,2010H2,701,,100000,private,1,1",                     // empty region, then the same firm
            "20000003,2011H2,701,,100000,private,1,1",
            "20000003,2012H2,701,Region Midtjylland,100000,private,1,1",
            "20000003,2013H2,701,Region Midtjylland,100000,private,1,1",
        ];
        var rows = Rows();
        rows.InsertRange(at, run);
        var data = Text(Header, rows);
        foreach (var rule in new[] { AttributeChangeRule.Error, AttributeChangeRule.UseLatest })
        {
            var options = new RegisterLoadOptions { AttributeChangeRule = rule, MaxErrors = 100 };
            AssertSame(data, options, expectErrors: true);
        }

        // Without the bad ids and the empty region, the latest rule loads: the same register.
        rows = Rows();
        rows.InsertRange(at, run[..7]);
        AssertSame(Text(Header, rows), new RegisterLoadOptions { AttributeChangeRule = AttributeChangeRule.UseLatest });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30_000)]
    public void ContinuingRowsWithANewPeriodOrADuplicate_SameErrorsOrRegister(int at)
    {
        // Rows that continue the previous row's firm with the same attributes (the merge's one-call path): one whose
        // period label appears for the first time, then (second case) one that repeats a (firm, period).
        string[] run =
        [
            "20000001,2010H2,701,Region Midtjylland,100000,private,1,1",
            "20000001,2011H2,701,Region Midtjylland,100000,private,2,2",
            "20000001,2030H2,701,Region Midtjylland,100000,private,3,3",
            "20000001,2029H2,701,Region Midtjylland,100000,private,4,4",
        ];
        foreach (var rule in new[] { AttributeChangeRule.Error, AttributeChangeRule.UseLatest })
        {
            var options = new RegisterLoadOptions { AttributeChangeRule = rule };
            var rows = Rows();
            rows.InsertRange(at, run);
            AssertSame(Text(Header, rows), options);

            rows.Insert(at + 2, "20000001,2011H2,701,Region Midtjylland,100000,private,5,5");
            AssertSame(Text(Header, rows), options, expectErrors: true);
        }

        // The latest rule: a continuing row of a later period (2014H2) makes an older change (2012H2) not the latest.
        var latest = Rows();
        latest.InsertRange(at, [
            "20000004,2010H2,701,Region Midtjylland,100000,private,1,1",
            "20000004,2014H2,701,Region Midtjylland,100000,private,1,1",
            "20000004,2012H2,702,Region Midtjylland,100000,private,1,1",
        ]);
        AssertSame(Text(Header, latest), new RegisterLoadOptions { AttributeChangeRule = AttributeChangeRule.UseLatest });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30_000)]
    public void RunsOfOneFirmWithSpacesAroundAttributes_SameErrorsOrRegister(int at)
    {
        // The four attributes are compared as one span of text with the row before: rows whose attributes differ
        // only in spaces around a field are the same attributes, a space inside a value is another value.
        string[] run =
        [
            "20000001,2010H2,701,Region Midtjylland,100000,private,1,1",
            "20000001,2011H2, 701,Region Midtjylland ,100000,private,1,1",
            "20000001,2012H2,701 , Region Midtjylland,\t100000,private ,1,1",
            "20000001,2013H2,701,Region Midtjylland,100000,private,1,1",
            "20000002,2010H2,701,Region Midtjylland,100000,private,1,1",
            "20000002,2011H2,701,Region  Midtjylland,100000,private,1,1",     // another region
            "20000002,2012H2,701,Region Midtjylland,100000, private,1,1",
            "20000003,2010H2,701,Region Midtjylland,100000,private,1,1",
            "20000003,2011H2,70,1Region Midtjylland,100000,private,1,1",      // as long, other fields
        ];
        var rows = Rows();
        rows.InsertRange(at, run);
        AssertSame(Text(Header, rows), new RegisterLoadOptions { AttributeChangeRule = AttributeChangeRule.Error, MaxErrors = 100 }, expectErrors: true);
        AssertSame(Text(Header, rows), new RegisterLoadOptions { AttributeChangeRule = AttributeChangeRule.UseLatest });

        // Without the firms whose attributes change, the same register.
        rows = Rows();
        rows.InsertRange(at, run[..4]);
        AssertSame(Text(Header, rows));
    }

    [Fact]
    public void QuotedHeaderAndDecimalCommas_SameRegister()
    {
        var rows = Rows(2_000).Select(r => r.Replace(',', ';').Replace('.', ','));
        AssertSame(Text("\"firm_id\";period;municipality;region;industry;sector;fte;turnover", rows),
            new RegisterLoadOptions { Culture = CultureInfo.GetCultureInfo("da-DK") });
        AssertSame(Text("firm_id;period;municipality;region;industry;sector;fte;turnover", rows),
            new RegisterLoadOptions { Culture = CultureInfo.GetCultureInfo("da-DK") });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedOrCorruptGzip_TheErrorsOfTheRowByRowReader(bool corrupt)
    {
        var rows = Rows();
        rows.Insert(10, "10000001,2010H2,700,Region Midtjylland,100000,private,abc,1");
        var gzip = Gzip(Text(Header, rows));
        var bad = gzip[..(gzip.Length * 2 / 3)];
        if (corrupt)
        {
            bad = [.. gzip];
            for (int i = gzip.Length / 2; i < (gzip.Length / 2) + 64; i++)
            {
                bad[i] ^= 0x5A;
            }
        }

        var expected = RowByRow(bad, RegisterLoadOptions.Default).Error!;
        var actual = InBlocks(bad, RegisterLoadOptions.Default).Error;
        Assert.NotNull(actual);
        Assert.Equal(expected.Errors.Count, actual.Errors.Count);
        Assert.Equal(expected.Errors[0], actual.Errors[0]);
        Assert.Equal(12, actual.Errors[0].Line);
        Assert.Contains("not a number", actual.Errors[0].Message, StringComparison.Ordinal);

        // The last error is where the data ends or breaks: the same message; for corrupt data the line is where
        // the reader stood when decompression failed, which depends on how far it had read ahead.
        Assert.Equal(expected.Errors[^1].Message, actual.Errors[^1].Message);
        Assert.True(actual.Errors[^1].Line > 10_000, $"{expected.Errors[^1]} / {actual.Errors[^1]}");
        if (corrupt)
        {
            Assert.Contains("corrupt or truncated gzip data", actual.Errors[^1].Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected.Errors[^1], actual.Errors[^1]);
        }
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(150_000, false)]
    [InlineData(299_990, true)]
    public void IrregularRowWithBlocksReadAhead_SameErrorsOrRegister(int at, bool gzip)
    {
        // About 18 MB: when the CSV reader takes over at the irregular row, blocks have been read ahead of it (queued
        // for parsing, and by the reading thread), and the rest of the stream follows them. A quoted row of a new
        // firm loads (the registers are compared); a row short of a field is an error, and so is a row near the end
        // (its line depends on every row before it).
        foreach (string row in new[] { "99999990,2011H2,701,\"Region Midtjylland\",100000,private,1,1", "10000007,2011H2,701,Region Midtjylland,100000,private,1" })
        {
            var rows = Rows(60_000);
            rows.Insert(at, row);
            if (!row.Contains('"', StringComparison.Ordinal))
            {
                rows.Insert(rows.Count - 5, "10000001,2010H2,700,Region Midtjylland,100000,private,abc,1");
            }

            var data = Text(Header, rows);
            Assert.True(data.Length > 16 << 20);
            var input = gzip ? Gzip(data) : data;
            AssertSame(input, expectErrors: RowByRow(input, RegisterLoadOptions.Default).Error is not null);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(100_000)]
    public void ReadErrorOfTheStream_TheExceptionOfTheRowByRowReader_TheStreamNotReadAfterTheLoad(int irregularAt)
    {
        // The stream fails (not gzip: an I/O error) a third of the way in; with a quoted row before that the CSV
        // reader takes over and meets the failure, without one it is rethrown after the blocks before it.
        var rows = Rows(60_000);
        if (irregularAt >= 0)
        {
            rows.Insert(irregularAt, "10000007,2011H2,701,\"Region, quoted\",100000,private,1,1");
        }

        var data = Text(Header, rows);
        var expected = Assert.Throws<IOException>(() =>
            RowByRow(new WatchedStream(data, data.Length / 3, new IOException("the disk is gone")), RegisterLoadOptions.Default));
        var stream = new WatchedStream(data, data.Length / 3, new IOException("the disk is gone"));
        var actual = Assert.Throws<IOException>(() => RegisterCsv.Load(stream, "firms.csv", RegisterLoadOptions.Default));
        Assert.Equal(expected.Message, actual.Message);
        Assert.True(stream.Disposed);
        Assert.False(stream.ReadAfterDispose);
    }

    [Fact]
    public void MissingColumnOnALargeFile_TheSameError_TheStreamNotReadAfterTheLoad()
    {
        // The header is found wrong while the blocks after it are being read: the reading thread is stopped before
        // the stream is disposed.
        var data = Text(Header.Replace(",turnover", ",sales", StringComparison.Ordinal), Rows(60_000));
        var expected = RowByRow(data, RegisterLoadOptions.Default).Error!;
        var stream = new WatchedStream(data);
        var actual = Assert.Throws<InputDataException>(() => RegisterCsv.Load(stream, "firms.csv", RegisterLoadOptions.Default));
        Assert.Equal(expected.Errors, actual.Errors);
        Assert.True(stream.Disposed);
        Assert.False(stream.ReadAfterDispose);
    }

    /// <summary>A forward-only stream over <c>data</c> that throws <c>failure</c> once <c>failAt</c> bytes have been
    /// read, and records a read during or after its disposal (a reading thread left running).</summary>
    private sealed class WatchedStream(byte[] data, int failAt = int.MaxValue, Exception? failure = null) : ReadOnlyStream(Null)
    {
        private int _position;
        private int _reading;
        private volatile bool _disposed;

        public bool Disposed => _disposed;

        public bool ReadAfterDispose { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            Interlocked.Increment(ref _reading);
            try
            {
                ReadAfterDispose |= _disposed;
                if (_position >= failAt)
                {
                    throw failure!;
                }

                int n = Math.Min(buffer.Length, Math.Min(data.Length, failAt) - _position);
                data.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            finally
            {
                Interlocked.Decrement(ref _reading);
            }
        }

        protected override void Dispose(bool disposing)
        {
            ReadAfterDispose |= Volatile.Read(ref _reading) != 0;
            _disposed = true;
            base.Dispose(disposing);
        }
    }
}
