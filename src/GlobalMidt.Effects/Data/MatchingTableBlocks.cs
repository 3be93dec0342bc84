using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// The fast path of <see cref="MatchingTable"/>'s reader for plain tables held in memory: the rows cut into blocks of
/// whole lines, each block split into fields and its values parsed on worker threads straight into the columns
/// (every row's place known from the blocks' line counts), the exact columns' values interned per block and
/// renumbered in file order. No CSV reader is compiled or run.
/// </summary>
/// <remarks>
/// Taken only when the text is plain and every value is valid: a printable ASCII header without quotes, every
/// line a record with the header's number of fields, no quote, no empty line, a carriage return only before a line
/// feed, every treatment 0/1 or true/false, every covariate a number, no missing value (also ids and exact
/// columns), exact values without text problems, extra columns numbers or missing. Anything else (and any header
/// problem) returns null, and the caller reads the whole table again through the CSV reader
/// (<see cref="MatchingTableReader.ReadAll"/>), which gives every error and every unusual case as before: this path
/// only takes tables whose reading it reproduces value for value (the same field bytes, the same number rule, the
/// same first-appearance codes). The result does not depend on the number of threads (blocks are cut by bytes and
/// merged in order).
/// </remarks>
internal static class MatchingTableBlocks
{
    private const int BlockBytes = 1 << 20;

    /// <summary>The table in <paramref name="text"/> (the whole file, possibly with a UTF-8 BOM) read into a
    /// <see cref="MatchingTableReader"/> ready for <see cref="MatchingTableReader.Finish"/>, or null when the text
    /// is not plain (see the remarks).</summary>
    public static MatchingTableReader? TryRead(byte[] text, string source, MatchingTableOptions options, out char separator)
    {
        separator = ',';
        int start = text.AsSpan().StartsWith("\xEF\xBB\xBF"u8) ? 3 : 0;
        int newline = text.AsSpan(start).IndexOf((byte)'\n');
        if (newline < 0 || options.Covariates.Count == 0)
        {
            return null;
        }

        int dataStart = start + newline + 1;
        var headerLine = text.AsSpan(start, newline);
        if (headerLine.EndsWith("\r"u8))
        {
            headerLine = headerLine[..^1];
        }

        foreach (byte b in headerLine)
        {
            if (b == (byte)'"' || ((b < 0x20 || b > 0x7E) && b != (byte)'\t'))
            {
                return null;
            }
        }

        var errors = new DataErrorCollector(RegisterLoadOptions.Default.MaxErrors);
        string[] header;
        int treatCol, idCol;
        int[] covCols, exactCols, extraCols;
        try
        {
            // The delimiter by the one rule (its errors are the CSV reader's to give).
            var (stream, sep, _) = CsvInput.Prepare(new MemoryStream(text, 0, dataStart, writable: false), source, RegisterLoadOptions.Default, false, null);
            stream.Dispose();
            separator = sep;
            var fields = new List<string>();
            var rest = headerLine;
            while (true)
            {
                int at = rest.IndexOf((byte)sep);
                fields.Add(System.Text.Encoding.ASCII.GetString(at < 0 ? rest : rest[..at]));
                if (at < 0)
                {
                    break;
                }

                rest = rest[(at + 1)..];
            }

            header = [.. fields];
            treatCol = CsvInput.IndexOf(source, header, options.Treat);
            idCol = CsvInput.IndexOf(source, header, options.Id);
            covCols = Find(source, header, options.Covariates);
            exactCols = Find(source, header, options.Exact);
            extraCols = Find(source, header, options.Extra);
        }
        catch (InputDataException)
        {
            return null;
        }

        if (treatCol < 0 || idCol < 0 || Array.IndexOf(covCols, -1) >= 0 || Array.IndexOf(exactCols, -1) >= 0 || Array.IndexOf(extraCols, -1) >= 0)
        {
            return null;
        }

        var layout = new Layout((byte)separator, header.Length, treatCol, idCol, covCols, exactCols, extraCols, ColumnTyping.DecimalComma(separator));

        // Blocks of whole lines (cut after a line feed), their rows counted, then parsed into their places.
        var cuts = new List<int> { dataStart };
        while (cuts[^1] < text.Length)
        {
            int at = cuts[^1] + BlockBytes;
            if (at >= text.Length)
            {
                cuts.Add(text.Length);
                break;
            }

            int next = text.AsSpan(at).IndexOf((byte)'\n');
            cuts.Add(next < 0 ? text.Length : at + next + 1);
        }

        int blockCount = cuts.Count - 1;
        if (blockCount == 0)
        {
            return null; // a header only
        }

        var blocks = new Block[blockCount];
        for (int b = 0; b < blockCount; b++)
        {
            blocks[b] = new Block(cuts[b], cuts[b + 1]);
        }

        int workers = Math.Min(blockCount, WorkerLoop.Threads(0));
        WorkerLoop.For(blockCount, workers, (b, _) => blocks[b].Count(text));
        long rows = 0;
        foreach (var block in blocks)
        {
            if (!block.Plain)
            {
                return null;
            }

            block.FirstRow = (int)Math.Min(rows, int.MaxValue);
            rows += block.Rows;
        }

        if (rows == 0 || rows > Array.MaxLength)
        {
            return null;
        }

        int n = (int)rows;
        var columns = new Columns(n, layout);
        WorkerLoop.For(blockCount, workers, (b, _) => blocks[b].Parse(text, layout, columns));
        foreach (var block in blocks)
        {
            if (!block.Plain)
            {
                return null;
            }
        }

        // The exact columns' codes in order of first appearance over the whole file: each block's own codes (in
        // order of first appearance in the block) renumbered block by block.
        var exactValues = new Utf8Interner[exactCols.Length];
        for (int j = 0; j < exactCols.Length; j++)
        {
            var all = exactValues[j] = new Utf8Interner();
            foreach (var block in blocks)
            {
                var local = block.Interners![j];
                var map = new int[local.Count];
                for (int c = 0; c < map.Length; c++)
                {
                    map[c] = all.GetOrAdd(local.Utf8(c));
                }

                var codes = columns.Exact[j];
                for (int i = block.FirstRow, end = block.FirstRow + block.Rows; i < end; i++)
                {
                    codes[i] = map[codes[i]];
                }
            }
        }

        var parts = new Utf8Column[blockCount];
        for (int b = 0; b < blockCount; b++)
        {
            parts[b] = blocks[b].Ids!;
        }

        var ids = Utf8Column.Concat(parts);

        var trimmed = new string[header.Length];
        for (int c = 0; c < header.Length; c++)
        {
            trimmed[c] = header[c].Trim();
        }

        var reader = new MatchingTableReader(source, separator, trimmed, treatCol, idCol, covCols, exactCols, extraCols, errors);
        reader.Adopt(n, columns.Lines, columns.Treat, columns.Cov, columns.Exact, columns.Extra, ids, exactValues);
        return reader;
    }

    private static int[] Find(string source, string[] header, IReadOnlyList<string> names)
    {
        var r = new int[names.Count];
        for (int j = 0; j < r.Length; j++)
        {
            r[j] = CsvInput.IndexOf(source, header, names[j]);
        }

        return r;
    }

    /// <summary>A value of a covariate or extra column: digits with at most one '.' and an optional leading '-'
    /// (up to 15 digits: the quotient of two exact doubles, correctly rounded as <c>double.TryParse</c>'s result),
    /// else the one number rule (<see cref="ColumnTyping.TryParseNumber(ReadOnlySpan{byte}, bool, out double)"/>).</summary>
    private static bool Number(byte[] text, int a, int b, bool decimalComma, out double value)
    {
        bool negative = a < b && text[a] == (byte)'-';
        ulong mantissa = 0;
        int digits = 0;
        int scale = -1;
        for (int i = negative ? a + 1 : a; i < b; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d <= 9 && digits < 15)
            {
                mantissa = (mantissa * 10) + d;
                digits++;
                scale += scale >= 0 ? 1 : 0;
            }
            else if (text[i] == (byte)'.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return ColumnTyping.TryParseNumber(text.AsSpan(a, b - a), decimalComma, out value);
            }
        }

        if (digits == 0)
        {
            return ColumnTyping.TryParseNumber(text.AsSpan(a, b - a), decimalComma, out value);
        }

        double v = scale > 0 ? mantissa / Pow10[scale] : mantissa;
        value = negative ? -v : v;
        return true;
    }

    private static readonly double[] Pow10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Where the columns asked for are, and how numbers are read.</summary>
    private sealed record Layout(byte Separator, int FieldCount, int Treat, int Id, int[] Cov, int[] Exact, int[] Extra, bool DecimalComma);

    /// <summary>The table's columns, one value per row (every block writes its own rows).</summary>
    private sealed class Columns
    {
        public Columns(int n, Layout layout)
        {
            Lines = new long[n];
            Treat = new byte[n];
            Cov = new double[layout.Cov.Length][];
            for (int j = 0; j < Cov.Length; j++)
            {
                Cov[j] = new double[n];
            }

            Exact = new int[layout.Exact.Length][];
            for (int j = 0; j < Exact.Length; j++)
            {
                Exact[j] = new int[n];
            }

            Extra = new double[layout.Extra.Length][];
            for (int j = 0; j < Extra.Length; j++)
            {
                Extra[j] = new double[n];
            }
        }

        /// <summary>Per row, its line (every line after the header is a row).</summary>
        public long[] Lines { get; }

        public byte[] Treat { get; }

        public double[][] Cov { get; }

        public int[][] Exact { get; }

        public double[][] Extra { get; }
    }

    /// <summary>Whole lines [<see cref="Start"/>, <see cref="End"/>) of the text.</summary>
    private sealed class Block(int start, int end)
    {
        public int Start { get; } = start;

        public int End { get; } = end;

        /// <summary>False once something is found that only the CSV reader may read.</summary>
        public bool Plain { get; private set; } = true;

        public int Rows { get; private set; }

        public int FirstRow { get; set; }

        public Utf8Column? Ids { get; private set; }

        public Utf8Interner[]? Interners { get; private set; }

        private ShortCodes[]? _codes;

        /// <summary>Counts the rows; not plain when the block holds a quote or a carriage return that does not end a
        /// line.</summary>
        public void Count(byte[] text)
        {
            var span = text.AsSpan(Start, End - Start);
            if (span.IndexOf((byte)'"') >= 0)
            {
                Plain = false;
                return;
            }

            int lines = span.Count((byte)'\n');
            if (span.IndexOf((byte)'\r') >= 0 && span.Count((byte)'\r') != span.Count("\r\n"u8))
            {
                Plain = false;
                return;
            }

            Rows = lines + (span.Length > 0 && span[^1] != (byte)'\n' ? 1 : 0);
        }

        /// <summary>Splits the lines into fields and parses the values into <paramref name="columns"/> from row
        /// <see cref="FirstRow"/>; not plain at the first line or value the CSV reader has to read.</summary>
        public void Parse(byte[] text, Layout layout, Columns columns)
        {
            Ids = new Utf8Column(Math.Min(End - Start, 16 * Rows), Rows);
            var interners = Interners = new Utf8Interner[layout.Exact.Length];
            _codes = new ShortCodes[interners.Length];
            for (int j = 0; j < interners.Length; j++)
            {
                interners[j] = new Utf8Interner();
                _codes[j] = new ShortCodes();
            }

            int fieldCount = layout.FieldCount;
            var from = new int[fieldCount];
            var to = new int[fieldCount];
            byte separator = layout.Separator;
            int pos = Start;
            int end = End;
            int row = FirstRow;
            while (pos < end)
            {
                int field = 0;
                while (true)
                {
                    int e = pos;
                    while (e < end && text[e] != separator && text[e] != (byte)'\n')
                    {
                        e++;
                    }

                    if (field < fieldCount)
                    {
                        from[field] = pos;
                        to[field] = e;
                    }

                    field++;
                    pos = e + 1;
                    if (e >= end || text[e] == (byte)'\n')
                    {
                        break;
                    }
                }

                if (field != fieldCount)
                {
                    Plain = false;
                    return;
                }

                if (to[fieldCount - 1] > from[fieldCount - 1] && text[to[fieldCount - 1] - 1] == (byte)'\r')
                {
                    to[fieldCount - 1]--;
                }

                if (!Row(text, from, to, layout, columns, row))
                {
                    Plain = false;
                    return;
                }

                row++;
            }
        }

        private bool Row(byte[] text, int[] from, int[] to, Layout layout, Columns columns, int row)
        {
            // Index arithmetic on the text (the precompiled code calls no span helper per value).
            Trim(text, from, to, layout.Id, out int a, out int b);
            if (Missing(text, a, b))
            {
                return false;
            }

            Ids!.Add(text.AsSpan(a, b - a));
            columns.Lines[row] = row + 2L;
            Trim(text, from, to, layout.Treat, out a, out b);
            if (b - a == 1 && (text[a] == (byte)'0' || text[a] == (byte)'1'))
            {
                columns.Treat[row] = (byte)(text[a] - '0');
            }
            else if (ColumnTyping.TryParseTreatment(text.AsSpan(a, b - a), out bool treated))
            {
                columns.Treat[row] = treated ? (byte)1 : (byte)0;
            }
            else
            {
                return false;
            }

            for (int j = 0; j < layout.Cov.Length; j++)
            {
                Trim(text, from, to, layout.Cov[j], out a, out b);
                if (!Number(text, a, b, layout.DecimalComma, out columns.Cov[j][row]))
                {
                    return false;
                }
            }

            for (int j = 0; j < layout.Exact.Length; j++)
            {
                Trim(text, from, to, layout.Exact[j], out a, out b);
                if (Missing(text, a, b))
                {
                    return false;
                }

                int code = _codes![j].Code(text, a, b, Interners![j]);
                if (code < 0)
                {
                    return false;
                }

                columns.Exact[j][row] = code;
            }

            for (int j = 0; j < layout.Extra.Length; j++)
            {
                Trim(text, from, to, layout.Extra[j], out a, out b);
                if (!Number(text, a, b, layout.DecimalComma, out columns.Extra[j][row]))
                {
                    if (!Missing(text, a, b))
                    {
                        return false;
                    }

                    columns.Extra[j][row] = double.NaN;
                }
            }

            return true;
        }

        /// <summary>Field <paramref name="field"/> without leading and trailing spaces and tabs (<see
        /// cref="FieldText.Trim"/>): [<paramref name="a"/>, <paramref name="b"/>).</summary>
        private static void Trim(byte[] text, int[] from, int[] to, int field, out int a, out int b)
        {
            a = from[field];
            b = to[field];
            while (a < b && (text[a] == (byte)' ' || text[a] == (byte)'\t'))
            {
                a++;
            }

            while (b > a && (text[b - 1] == (byte)' ' || text[b - 1] == (byte)'\t'))
            {
                b--;
            }
        }

        /// <summary><see cref="ColumnTyping.IsMissing(ReadOnlySpan{byte})"/> of [<paramref name="a"/>, <paramref
        /// name="b"/>).</summary>
        private static bool Missing(byte[] text, int a, int b) => (b - a) switch
        {
            0 => true,
            1 => text[a] == (byte)'.',
            2 => (text[a] == (byte)'N' && text[a + 1] == (byte)'A') || (text[a] == (byte)'n' && text[a + 1] == (byte)'a'),
            3 => text[a] == (byte)'N' && text[a + 1] == (byte)'a' && text[a + 2] == (byte)'N',
            _ => false,
        };
    }

    /// <summary>The codes of short values (up to 7 bytes, e.g. a region or an industry code) of one exact column in
    /// one block, cached by their bytes packed in a word; each value goes to the block's interner once (its codes stay
    /// in order of first appearance), longer values every time.</summary>
    private sealed class ShortCodes
    {
        private ulong[] _keys = new ulong[64];
        private int[] _values = new int[64];
        private int _count;

        /// <summary>The interner's code of [<paramref name="a"/>, <paramref name="b"/>), or -1 when the value has a
        /// text problem (<see cref="Utf8Interner.Problem"/>).</summary>
        public int Code(byte[] text, int a, int b, Utf8Interner interner)
        {
            int length = b - a;
            if (length > 7)
            {
                return Checked(interner, interner.GetOrAdd(text.AsSpan(a, length)));
            }

            ulong key = (ulong)length << 56;
            for (int i = 0; i < length; i++)
            {
                key |= (ulong)text[a + i] << (8 * i);
            }

            int mask = _keys.Length - 1;
            int slot = (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & mask;
            while (true)
            {
                ulong k = _keys[slot];
                if (k == key)
                {
                    return _values[slot];
                }

                if (k == 0)
                {
                    break;
                }

                slot = (slot + 1) & mask;
            }

            int code = Checked(interner, interner.GetOrAdd(text.AsSpan(a, length)));
            if (code < 0)
            {
                return code;
            }

            _keys[slot] = key;
            _values[slot] = code;
            if (++_count * 2 > _keys.Length)
            {
                Grow();
            }

            return code;
        }

        private static int Checked(Utf8Interner interner, int code) => interner.Problem(code) is null ? code : -1;

        private void Grow()
        {
            var keys = _keys;
            var values = _values;
            _keys = new ulong[keys.Length * 2];
            _values = new int[keys.Length * 2];
            int mask = _keys.Length - 1;
            for (int e = 0; e < keys.Length; e++)
            {
                if (keys[e] == 0)
                {
                    continue;
                }

                int slot = (int)((keys[e] * 0x9E3779B97F4A7C15UL) >> 40) & mask;
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _keys[slot] = keys[e];
                _values[slot] = values[e];
            }
        }
    }
}
