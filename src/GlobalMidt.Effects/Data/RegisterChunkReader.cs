using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// The register's CSV read in blocks of whole lines: plain blocks are split into fields and their numbers parsed on
/// worker threads, while this thread feeds the rows, in file order, to the one <see cref="RegisterBuilder"/>, so
/// every check, error and value is the one of the row-by-row reader (<see cref="RegisterCsv.ReadRows"/>).
/// </summary>
/// <remarks>
/// <para>A block is parsed here only when it is plain: no quote, every line a record with the header's number of
/// fields, no empty line, no carriage return except before a line feed. From the first block that is not (or a
/// header that is not: quotes, a lone carriage return), and when the data cannot be read (corrupt gzip), the rest
/// of the file (that block included) goes through the CSV reader as before, with its line numbers shifted, into the
/// same builder. Numbers are parsed by the builder's own rule (<see cref="FieldText.TryParseNumber(ReadOnlySpan{byte},
/// byte, CultureInfo, out double)"/> and the <see cref="ValueBounds"/>); a row with a number that does not pass is
/// handed to the builder as text, which parses it again and reports it as before.</para>
/// <para>The register does not depend on the number of threads: blocks are cut by bytes and merged in order.</para>
/// </remarks>
internal sealed class RegisterChunkReader
{
    private const int ChunkBytes = 1 << 20;
    private const int Slots = 10;
    private const byte SameFirm = 1;
    private const byte SameAttributes = 2;

    private readonly Stream _stream;
    private readonly string _source;
    private readonly RegisterLoadOptions _options;
    private readonly char _separator;
    private readonly int _readerBuffer;
    private byte[] _carry = new byte[4096];
    private int _carryLength;
    private bool _end;
    private Exception? _failure;
    private readonly Stack<Chunk> _free = new();

    private RegisterChunkReader(Stream stream, string source, RegisterLoadOptions options, char separator, int readerBuffer)
    {
        _stream = stream;
        _source = source;
        _options = options;
        _separator = separator;
        _readerBuffer = readerBuffer;
    }

    /// <summary>Reads and validates the register in <paramref name="raw"/> (disposed); as <see cref="RegisterCsv.Load(Stream,
    /// string, RegisterLoadOptions?)"/>.</summary>
    public static Register Load(Stream raw, string source, bool gzipByName, RegisterLoadOptions options)
    {
        var (stream, separator, readerBuffer) = CsvInput.Prepare(raw, source, options, gzipByName, null);
        try
        {
            return new RegisterChunkReader(stream, source, options, separator, readerBuffer).Read();
        }
        finally
        {
            stream.Dispose();
        }
    }

    private Register Read()
    {
        // The header line: the first line of the first block.
        var first = NextChunk();
        int headerEnd = first.Length > 0 ? first.Buffer.AsSpan(0, first.Length).IndexOf((byte)'\n') : -1;
        var headerLine = headerEnd >= 0 ? first.Buffer.AsSpan(0, headerEnd) : default;
        if (headerLine.EndsWith("\r"u8))
        {
            headerLine = headerLine[..^1];
        }

        if (headerEnd < 0 || first.State != ChunkState.Lines || headerLine.Contains((byte)'"') || headerLine.Contains((byte)'\r'))
        {
            // Not a plain header: all of it through the CSV reader.
            return Continue(null, [], [first], 0, null);
        }

        byte[] header = first.Buffer.AsSpan(0, headerEnd + 1).ToArray();
        var headerInput = CsvInput.OpenPrepared(
            new MemoryStream(header, writable: false), _separator, 4096, _source, _options,
            RegisterBuilder.ColumnNames, RegisterBuilder.OptionalColumnNames, null, null, 0);
        var layout = new Layout(headerInput, _options, _separator);
        headerInput.Dispose();
        var builder = new RegisterBuilder(_source, _options, headerInput.Errors);
        builder.EnableOptionalColumns(layout.Export, layout.ValueAdded);

        // The rest of the first block, line 2 on.
        first.Buffer.AsSpan(headerEnd + 1, first.Length - headerEnd - 1).CopyTo(first.Buffer);
        first.Length -= headerEnd + 1;

        // Line numbers are given at the merge: every line of a parsed block is one row.
        long nextLine = 2;

        var queue = new Queue<(Chunk Chunk, Task Parse)>();
        Enqueue(queue, first, layout);
        int inFlight = Math.Max(2, Environment.ProcessorCount + 1);
        while (queue.Count > 0)
        {
            while (!_end && queue.Count < inFlight)
            {
                var chunk = NextChunk();
                if (chunk.Length == 0 && chunk.State == ChunkState.Lines)
                {
                    _free.Push(chunk);
                    break;
                }

                Enqueue(queue, chunk, layout);
            }

            var (next, parse) = queue.Dequeue();
            parse.GetAwaiter().GetResult();
            next.FirstLine = nextLine;
            if (next.State != ChunkState.Parsed)
            {
                foreach (var (_, later) in queue)
                {
                    later.GetAwaiter().GetResult();
                }

                return Continue(builder, header, [next, .. queue.Select(q => q.Chunk)], next.FirstLine - 2, layout);
            }

            Merge(next, builder, layout);
            nextLine += next.Rows;
            _free.Push(next);
        }

        return builder.Build();
    }

    private static void Enqueue(Queue<(Chunk, Task)> queue, Chunk chunk, Layout layout) =>
        queue.Enqueue((chunk, chunk.State == ChunkState.Lines ? Task.Run(() => chunk.Parse(layout)) : Task.CompletedTask));

    /// <summary>The rest of the file through the CSV reader: <paramref name="header"/>, the blocks not merged, the
    /// bytes not yet cut into a block, then the stream (or its failure).</summary>
    private Register Continue(RegisterBuilder? builder, byte[] header, IReadOnlyList<Chunk> chunks, long lineOffset, Layout? layout)
    {
        long length = header.Length + _carryLength + chunks.Sum(c => (long)c.Length);
        var prefix = new byte[length];
        header.CopyTo(prefix, 0);
        int at = header.Length;
        foreach (var c in chunks)
        {
            c.Buffer.AsSpan(0, c.Length).CopyTo(prefix.AsSpan(at));
            at += c.Length;
        }

        _carry.AsSpan(0, _carryLength).CopyTo(prefix.AsSpan(at));
        Stream rest = _failure is { } failure ? new FailedStream(failure) : new KeptOpen(_stream);
        using var input = CsvInput.OpenPrepared(
            new PrefixedStream(prefix, rest), _separator, _readerBuffer, _source, _options,
            RegisterBuilder.ColumnNames, RegisterBuilder.OptionalColumnNames, null, builder is null ? null : layout!.Errors, lineOffset);
        if (builder is null)
        {
            builder = new RegisterBuilder(_source, _options, input.Errors);
            builder.EnableOptionalColumns(input.Has(8), input.Has(9));
        }

        RegisterCsv.ReadRows(input, builder);
        return builder.Build();
    }

    /// <summary>The next block: the bytes carried over, then the stream, cut after the last line feed (the bytes
    /// after it carried to the next block). At the end of the data the block holds whatever is left.</summary>
    private Chunk NextChunk()
    {
        var chunk = _free.Count > 0 ? _free.Pop() : new Chunk();
        chunk.State = ChunkState.Lines;
        var buffer = chunk.Buffer;
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        int length = _carryLength;
        _carryLength = 0;
        try
        {
            while (!_end && length < buffer.Length)
            {
                int read = _stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    _end = true;
                }

                length += read;
            }
        }
        catch (InvalidDataException e)
        {
            _end = true;
            _failure = e;
            chunk.Length = length;
            chunk.State = ChunkState.Failed;
            return chunk;
        }

        chunk.Length = length;
        if (_end)
        {
            return chunk;
        }

        int last = buffer.AsSpan(0, length).LastIndexOf((byte)'\n');
        if (last < 0)
        {
            chunk.State = ChunkState.Failed;
            _end = true;
            return chunk;
        }

        _carryLength = length - last - 1;
        if (_carry.Length < _carryLength)
        {
            _carry = new byte[_carryLength];
        }

        buffer.AsSpan(last + 1, _carryLength).CopyTo(_carry);
        chunk.Length = last + 1;
        return chunk;
    }

    /// <summary>The rows of a parsed block into the builder: the calls of <see cref="RegisterCsv.ReadRows"/>, the
    /// numbers already parsed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Merge(Chunk chunk, RegisterBuilder builder, Layout layout)
    {
        var text = chunk.Buffer;
        var spans = chunk.Spans;
        var numbers = chunk.Numbers;
        bool export = layout.Export;
        bool valueAdded = layout.ValueAdded;
        var periodKeys = chunk.PeriodKeys;
        var continuing = chunk.Continuing;
        for (int r = 0; r < chunk.Rows; r++)
        {
            int s = r * Slots * 2;
            long line = chunk.FirstLine + r;
            byte same = chunk.Same[r];
            int n = r * 4;
            if (continuing[r] > 0)
            {
                // A run of rows with the previous row's firm and attributes and checked numbers: as many as the
                // builder takes, the next one the usual way.
                int taken = builder.ContinueRows(line, periodKeys.AsSpan(r, continuing[r]), numbers.AsSpan(n, continuing[r] * 4));
                if (taken > 0)
                {
                    r += taken - 1;
                    continue;
                }
            }

            if ((same & SameFirm) != 0 && builder.ContinueFirm(line))
            {
                builder.SetPeriod(text.AsSpan(spans[s + 2], spans[s + 3]));
                if ((same & SameAttributes) != 0)
                {
                    builder.SetSameAttributes(
                        text.AsSpan(spans[s + 4], spans[s + 5]), text.AsSpan(spans[s + 6], spans[s + 7]),
                        text.AsSpan(spans[s + 8], spans[s + 9]), text.AsSpan(spans[s + 10], spans[s + 11]));
                }
                else
                {
                    builder.SetAttributes(
                        text.AsSpan(spans[s + 4], spans[s + 5]), text.AsSpan(spans[s + 6], spans[s + 7]),
                        text.AsSpan(spans[s + 8], spans[s + 9]), text.AsSpan(spans[s + 10], spans[s + 11]));
                }
            }
            else
            {
                builder.BeginRow(line, text.AsSpan(spans[s], spans[s + 1]));
                builder.SetPeriod(text.AsSpan(spans[s + 2], spans[s + 3]));
                builder.SetAttributes(
                    text.AsSpan(spans[s + 4], spans[s + 5]), text.AsSpan(spans[s + 6], spans[s + 7]),
                    text.AsSpan(spans[s + 8], spans[s + 9]), text.AsSpan(spans[s + 10], spans[s + 11]));
            }

            if (chunk.Checked[r])
            {
                builder.SetCheckedNumbers(numbers[n], numbers[n + 1], numbers[n + 2], numbers[n + 3]);
            }
            else
            {
                builder.SetFte(text.AsSpan(spans[s + 12], spans[s + 13]));
                builder.SetTurnover(text.AsSpan(spans[s + 14], spans[s + 15]));
                if (export)
                {
                    builder.SetExport(text.AsSpan(spans[s + 16], spans[s + 17]));
                }

                if (valueAdded)
                {
                    builder.SetValueAdded(text.AsSpan(spans[s + 18], spans[s + 19]));
                }
            }

            builder.EndRow();
        }
    }

    private enum ChunkState
    {
        /// <summary>Whole lines, not parsed yet.</summary>
        Lines,

        /// <summary>Parsed: every line a plain record.</summary>
        Parsed,

        /// <summary>Not plain (quotes, field counts, empty lines, carriage returns): for the CSV reader.</summary>
        NotPlain,

        /// <summary>The stream failed, or a line longer than a block: for the CSV reader, with the rest.</summary>
        Failed,
    }

    /// <summary>How a line maps to the builder's fields.</summary>
    private sealed class Layout
    {
        public Layout(CsvInput header, RegisterLoadOptions options, char separator)
        {
            Errors = header.Errors;
            FieldCount = header.FieldCount;
            SlotOf = new int[FieldCount];
            Array.Fill(SlotOf, -1);
            for (int c = 0; c < header.Columns.Length; c++)
            {
                if (header.Columns[c] >= 0)
                {
                    SlotOf[header.Columns[c]] = c;
                }
            }

            Export = header.Has(8);
            ValueAdded = header.Has(9);
            int municipality = Array.IndexOf(SlotOf, 2);
            AttributesAdjacent = municipality >= 0 && municipality + 3 < FieldCount
                && SlotOf[municipality + 1] == 3 && SlotOf[municipality + 2] == 4 && SlotOf[municipality + 3] == 5;
            Separator = (byte)separator;
            DecimalSeparator = options.UsesDecimalComma ? (byte)',' : (byte)'.';
            Culture = options.Culture;
        }

        public DataErrorCollector Errors { get; }

        public int FieldCount { get; }

        public int[] SlotOf { get; }

        public bool Export { get; }

        public bool ValueAdded { get; }

        /// <summary>The four attributes (municipality, region, industry, sector) are adjacent fields in that order:
        /// a row's text from the first to the last of them is one span (<see cref="Chunk.Parse"/> compares it whole).</summary>
        public bool AttributesAdjacent { get; }

        public byte Separator { get; }

        public byte DecimalSeparator { get; }

        public CultureInfo Culture { get; }
    }

    /// <summary>A block of whole lines and, once parsed, its records: per row the (start, length) of the trimmed
    /// fields in contract order and the four numbers.</summary>
    private sealed class Chunk
    {
        public byte[] Buffer { get; } = GC.AllocateUninitializedArray<byte>(ChunkBytes);

        public int Length { get; set; }

        public long FirstLine { get; set; }

        public ChunkState State { get; set; }

        public int Rows { get; private set; }

        public int[] Spans { get; private set; } = [];

        public double[] Numbers { get; private set; } = [];

        public bool[] Checked { get; private set; } = [];

        /// <summary>Per row: <see cref="SameFirm"/> when its firm id is the previous row's (same bytes, not empty),
        /// plus <see cref="SameAttributes"/> when its four attributes are too (the first row of a block: 0).</summary>
        public byte[] Same { get; private set; } = [];

        /// <summary>Per row, its period label's key (<see cref="RegisterBuilder.PeriodLabelKey"/>), packed here so the
        /// merge does not.</summary>
        public ulong[] PeriodKeys { get; private set; } = [];

        /// <summary>Per row, how many rows from it on (it included) have the previous row's firm and attributes
        /// (<see cref="Same"/> both) and checked numbers: the run <see cref="RegisterBuilder.ContinueRows"/> may take.</summary>
        public int[] Continuing { get; private set; } = [];

        /// <summary>Scratch: the positions of the separators and line feeds (<see cref="Marks"/>).</summary>
        private int[] Positions { get; set; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Parse(Layout layout)
        {
            var text = Buffer.AsSpan(0, Length);
            int capacity = text.Count((byte)'\n') + 1;
            if (Checked.Length < capacity)
            {
                int size = Math.Max(capacity, Checked.Length * 2);
                Spans = new int[size * Slots * 2];
                Numbers = new double[size * 4];
                Checked = new bool[size];
                Same = new byte[size];
                PeriodKeys = new ulong[size];
                Continuing = new int[size];
            }

            var spans = Spans;
            var numbers = Numbers;
            var slotOf = layout.SlotOf;
            int fieldCount = layout.FieldCount;
            byte separator = layout.Separator;

            // Where the separators and line ends are (a plain line has fieldCount of them, its line end last), then
            // the lines, field by field from the marks.
            int marks = Marks(text, separator, fieldCount * capacity, out bool quotes, out bool carriageReturns);
            if (marks < 0 || quotes)
            {
                State = ChunkState.NotPlain;
                return;
            }

            var positions = Positions.AsSpan(0, marks);
            int last = fieldCount - 1;
            int rows = 0;
            int pos = 0;
            for (int m = 0; m < marks; m += fieldCount)
            {
                if (m + fieldCount > marks)
                {
                    State = ChunkState.NotPlain;
                    return;
                }

                // The separators first: a line end among them (a mark with the sign bit) is a short line.
                var line = positions.Slice(m, fieldCount);
                int s = rows * Slots * 2;
                int start = pos;
                for (int field = 0; field < last; field++)
                {
                    int stop = line[field];
                    if (stop < 0)
                    {
                        State = ChunkState.NotPlain;
                        return;
                    }

                    if (slotOf[field] is int slot and >= 0)
                    {
                        Trim(text, start, stop, spans, s + (2 * slot));
                    }

                    start = stop + 1;
                }

                int lineEnd = line[last];
                if (lineEnd >= 0)
                {
                    State = ChunkState.NotPlain;
                    return;
                }

                lineEnd &= int.MaxValue;
                int end = carriageReturns && lineEnd > pos && text[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
                if (end == pos || (carriageReturns && text[pos..end].Contains((byte)'\r')))
                {
                    State = ChunkState.NotPlain;
                    return;
                }

                if (slotOf[last] is int lastSlot and >= 0)
                {
                    Trim(text, Math.Min(start, end), end, spans, s + (2 * lastSlot));
                }

                int n = rows * 4;
                bool ok = Number(text, spans, s + 12, layout, ValueBounds.Fte, out numbers[n])
                    & Number(text, spans, s + 14, layout, ValueBounds.TurnoverTdkk, out numbers[n + 1]);
                numbers[n + 2] = 0;
                numbers[n + 3] = 0;
                if (layout.Export)
                {
                    ok &= Number(text, spans, s + 16, layout, ValueBounds.ExportTdkk, out numbers[n + 2]);
                }

                if (layout.ValueAdded)
                {
                    ok &= Number(text, spans, s + 18, layout, ValueBounds.ValueAddedTdkk, out numbers[n + 3]);
                }

                Checked[rows] = ok;
                Same[rows] = rows > 0 ? Compare(text, spans, s, layout.AttributesAdjacent) : (byte)0;
                PeriodKeys[rows] = PeriodKey(text, spans, s + 2);
                rows++;
                pos = lineEnd + 1;
            }

            var continuing = Continuing;
            int run = 0;
            for (int r = rows - 1; r >= 0; r--)
            {
                run = Same[r] == (SameFirm | SameAttributes) && Checked[r] ? run + 1 : 0;
                continuing[r] = run;
            }

            Rows = rows;
            State = ChunkState.Parsed;
        }

        /// <summary>The field from <paramref name="start"/> to <paramref name="stop"/> without the spaces and tabs
        /// around it, as (start, length) at <paramref name="at"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Trim(ReadOnlySpan<byte> text, int start, int stop, int[] spans, int at)
        {
            if (start < stop && (IsBlank(text[start]) || IsBlank(text[stop - 1])))
            {
                while (start < stop && IsBlank(text[start]))
                {
                    start++;
                }

                while (stop > start && IsBlank(text[stop - 1]))
                {
                    stop--;
                }
            }

            spans[at] = start;
            spans[at + 1] = stop - start;
        }

        private static bool IsBlank(byte b) => b == (byte)' ' || b == (byte)'\t';

        /// <summary>The positions of every <paramref name="separator"/> and line end in <paramref name="text"/>, in
        /// order, into <see cref="Positions"/>, a line end with the sign bit set (the end of a text whose last line
        /// has no line feed is one too): their number, or -1 when there are more than <paramref name="cap"/> (more
        /// than plain lines have). Whether the text has a quote or a carriage return is found in the same pass.</summary>
        private int Marks(ReadOnlySpan<byte> text, byte separator, int cap, out bool quotes, out bool carriageReturns)
        {
            if (Positions.Length < cap + 64)
            {
                Positions = new int[cap + 64];
            }

            var positions = Positions;
            int count = 0;
            int i = 0;
            quotes = false;
            carriageReturns = false;
            if (Vector256.IsHardwareAccelerated)
            {
                var separators = Vector256.Create(separator);
                var newlines = Vector256.Create((byte)'\n');
                var quote = Vector256.Create((byte)'"');
                var carriageReturn = Vector256.Create((byte)'\r');
                var seenQuotes = Vector256<byte>.Zero;
                var seenReturns = Vector256<byte>.Zero;
                ref byte first = ref MemoryMarshal.GetReference(text);
                for (; i + 32 <= text.Length; i += 32)
                {
                    var v = Vector256.LoadUnsafe(ref first, (nuint)i);
                    var lineEnds = Vector256.Equals(v, newlines);
                    seenQuotes |= Vector256.Equals(v, quote);
                    seenReturns |= Vector256.Equals(v, carriageReturn);
                    uint mask = (Vector256.Equals(v, separators) | lineEnds).ExtractMostSignificantBits();
                    uint ends = lineEnds.ExtractMostSignificantBits();
                    while (mask != 0)
                    {
                        int bit = BitOperations.TrailingZeroCount(mask);
                        positions[count++] = (i + bit) | (int)((ends >> bit) << 31);
                        mask &= mask - 1;
                    }

                    if (count > cap)
                    {
                        return -1;
                    }
                }

                quotes = seenQuotes != Vector256<byte>.Zero;
                carriageReturns = seenReturns != Vector256<byte>.Zero;
            }

            for (; i < text.Length; i++)
            {
                byte b = text[i];
                quotes |= b == (byte)'"';
                carriageReturns |= b == (byte)'\r';
                if (b == separator || b == (byte)'\n')
                {
                    positions[count++] = b == (byte)'\n' ? i | int.MinValue : i;
                    if (count > cap)
                    {
                        return -1;
                    }
                }
            }

            if (text.Length > 0 && text[^1] != (byte)'\n')
            {
                positions[count++] = text.Length | int.MinValue;
            }

            return count;
        }

        /// <summary>How the row at <paramref name="s"/> compares with the row before it (<see cref="Same"/>). With
        /// <paramref name="adjacent"/> attributes their whole text is compared at once: the same bytes there are the
        /// same four trimmed fields (bytes that differ only in spaces around a field say "not the same", which the
        /// builder then finds out field by field).</summary>
        private static byte Compare(ReadOnlySpan<byte> text, int[] spans, int s, bool adjacent)
        {
            int p = s - (Slots * 2);
            if (spans[s + 1] == 0 || !Equal(text, spans, s, p))
            {
                return 0;
            }

            if (adjacent)
            {
                int start = spans[s + 4];
                int length = spans[s + 10] + spans[s + 11] - start;
                int prevStart = spans[p + 4];
                int prevLength = spans[p + 10] + spans[p + 11] - prevStart;
                return length == prevLength && text.Slice(start, length).SequenceEqual(text.Slice(prevStart, prevLength))
                    ? (byte)(SameFirm | SameAttributes)
                    : SameFirm;
            }

            for (int k = 4; k < 12; k += 2)
            {
                if (!Equal(text, spans, s + k, p + k))
                {
                    return SameFirm;
                }
            }

            return SameFirm | SameAttributes;
        }

        /// <summary>The fields at <paramref name="a"/> and <paramref name="b"/> hold the same bytes; up to 8 bytes (a CVR
        /// number) compared as one word each when 8 bytes can be read from both.</summary>
        private static bool Equal(ReadOnlySpan<byte> text, int[] spans, int a, int b)
        {
            int length = spans[a + 1];
            if (length != spans[b + 1])
            {
                return false;
            }

            int x = spans[a];
            int y = spans[b];
            if (length <= 8 && x + 8 <= text.Length && y + 8 <= text.Length)
            {
                ulong mask = length == 8 ? ulong.MaxValue : (1UL << (8 * length)) - 1;
                return ((BinaryPrimitives.ReadUInt64LittleEndian(text[x..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(text[y..])) & mask) == 0;
            }

            return text.Slice(x, length).SequenceEqual(text.Slice(y, length));
        }

        /// <summary><see cref="RegisterBuilder.PeriodLabelKey"/> of the field at <paramref name="at"/>: its bytes read
        /// as one word when 8 bytes can be read there.</summary>
        private static ulong PeriodKey(ReadOnlySpan<byte> text, int[] spans, int at)
        {
            int start = spans[at];
            int length = spans[at + 1];
            if (length > 7 || start + 8 > text.Length)
            {
                return RegisterBuilder.PeriodLabelKey(text.Slice(start, length));
            }

            ulong bytes = BinaryPrimitives.ReadUInt64LittleEndian(text[start..]) & ((1UL << (8 * length)) - 1);
            return bytes | ((ulong)length << 56);
        }

        private static bool Number(ReadOnlySpan<byte> text, int[] spans, int at, Layout layout, ValueRange range, out double value) =>
            FieldText.TryParseNumber(text.Slice(spans[at], spans[at + 1]), layout.DecimalSeparator, layout.Culture, out value)
            && range.Contains(value);
    }

    /// <summary>The data stream for the CSV reader, not disposed by it (disposed by <see cref="Load"/>).</summary>
    private sealed class KeptOpen(Stream inner) : ReadOnlyStream(inner)
    {
        public override int Read(Span<byte> buffer) => Inner.Read(buffer);

        protected override void Dispose(bool disposing) => base.Dispose(false);
    }

    /// <summary>The end of a stream that failed: every read throws its exception again.</summary>
    private sealed class FailedStream(Exception failure) : ReadOnlyStream(Null)
    {
        public override int Read(Span<byte> buffer) => throw failure;
    }
}
