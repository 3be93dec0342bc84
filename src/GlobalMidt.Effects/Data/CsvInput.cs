using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// The one table reader: every CSV input (register, participants, budgets, matching tables, balance input and pairs,
/// published tables) is read through it, so all follow the same rules. The file checked to exist, <c>.gz</c>
/// decompressed on the fly, UTF-8 with or without BOM, the delimiter detected from the header line (<c>,</c> or
/// <c>;</c>, whichever is more frequent outside quotes; tab when the header has neither), quoted fields as RFC 4180
/// (CsvHelper's UTF-8 reader), empty lines skipped, the header read and columns found by name (case-insensitive,
/// trimmed; a name given twice is an error), every value trimmed of spaces and tabs, and 1-based line numbers
/// (header = line 1) in every <see cref="DataError"/>.
/// </summary>
/// <remarks>Fatal problems (no file, empty file, unknown delimiter, missing columns) throw at once; row-level
/// problems go to <see cref="Errors"/>. How columns are typed (number or text) is <see cref="ColumnTyping"/>'s rule.
/// See docs/data-contract.md ("One table reader").</remarks>
internal sealed class CsvInput : IDisposable
{
    private const int HeaderProbeBytes = 1 << 20;
    private readonly CsvReader _reader;
    private readonly int _fieldCount;
    private long _lineOffset;
    private string[]? _headers;

    private CsvInput(string source, CsvReader reader, char separator, int[] columns, DataErrorCollector errors)
    {
        Source = source;
        _reader = reader;
        Separator = separator;
        Columns = columns;
        Errors = errors;
        _fieldCount = reader.Headers.Count;
    }

    /// <summary>The file name used in errors.</summary>
    public string Source { get; }

    /// <summary>The detected delimiter.</summary>
    public char Separator { get; }

    /// <summary>Field index of each required column, in the order asked for.</summary>
    public int[] Columns { get; }

    /// <summary>Where row-level errors go.</summary>
    public DataErrorCollector Errors { get; }

    /// <summary>The underlying reader, positioned on the current record after <see cref="Read"/>.</summary>
    public CsvReader Reader => _reader;

    /// <summary>1-based line where the current record starts (the header is line 1).</summary>
    public long Line => _reader.LineNumber + _lineOffset;

    /// <summary>The column names of the header, trimmed.</summary>
    public IReadOnlyList<string> Headers => _headers ??= [.. _reader.Headers.Select(h => h.Trim())];

    /// <summary>Bytes read so far (of the decompressed text), for sizing columns from the rows read.</summary>
    public long ByteOffset => _reader.ByteOffset;

    /// <summary>Opens <paramref name="path"/> and finds <paramref name="required"/> columns (case-insensitive,
    /// trimmed; extra columns are ignored).</summary>
    public static CsvInput Open(string path, RegisterLoadOptions options, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null, char? commentPrefix = null)
    {
        var file = OpenFile(path, options, out string source);
        return Open(file, source, options, required,
            gzipByName: path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase), optional: optional, commentPrefix: commentPrefix);
    }

    /// <summary>The file at <paramref name="path"/> checked (not a directory, exists) and opened for one sequential
    /// read; <paramref name="source"/> is its name for errors.</summary>
    public static FileStream OpenFile(string path, RegisterLoadOptions options, out string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        source = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new InputDataException(new DataError(source, 0, null, null, null,
                $"is a directory, expected a CSV file ('{Path.GetFullPath(path)}')"));
        }

        if (!File.Exists(path))
        {
            throw new InputDataException(new DataError(source, 0, null, null, null,
                $"file not found ('{Path.GetFullPath(path)}')"));
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    /// <summary>Reads all of <paramref name="reader"/> as UTF-8 bytes (without a BOM), for <see cref="Open(byte[], string,
    /// RegisterLoadOptions, IReadOnlyList{string}, IReadOnlyList{string}?, char?)"/>; text that cannot be decoded (a
    /// strict UTF-8 reader over bytes that are not UTF-8) is a <see cref="DataError"/>.</summary>
    public static byte[] ReadText(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string text;
        try
        {
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new InputDataException(new DataError(source, 0, null, null, null,
                "the file is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in Excel)"));
        }

        return Encoding.UTF8.GetBytes(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text);
    }

    /// <summary>Opens text already in memory (UTF-8 bytes, e.g. from <see cref="ReadText"/>); as the stream overload.</summary>
    public static CsvInput Open(byte[] utf8, string source, RegisterLoadOptions options, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null, char? commentPrefix = null) =>
        Open(new MemoryStream(utf8, writable: false), source, options, required, optional: optional, commentPrefix: commentPrefix);

    /// <summary>Reads <paramref name="raw"/> once, from its current position (a pipe or standard input is fine):
    /// gzip is recognised by its magic bytes, the delimiter from the header line; then finds <paramref name="required"/>
    /// columns. <paramref name="source"/> names the input in errors. The stream is disposed with the input.
    /// <paramref name="gzipByName"/>: the name ends in .gz, so input without the gzip magic bytes is an error.
    /// <paramref name="optional"/> columns follow the required ones in <see cref="Columns"/>, at -1 when absent
    /// (<see cref="Has"/>). <paramref name="commentPrefix"/>: lines starting with it are skipped (also before the
    /// header).</summary>
    public static CsvInput Open(Stream raw, string source, RegisterLoadOptions options, IReadOnlyList<string> required, bool gzipByName = false, IReadOnlyList<string>? optional = null, char? commentPrefix = null)
    {
        var (stream, separator, readerBuffer) = Prepare(raw, source, options, gzipByName, commentPrefix);
        return OpenPrepared(stream, separator, readerBuffer, source, options, required, optional, commentPrefix, null, 0);
    }

    /// <summary>The first half of <see cref="Open(Stream, string, RegisterLoadOptions, IReadOnlyList{string}, bool,
    /// IReadOnlyList{string}?, char?)"/>: <paramref name="raw"/> decompressed when gzip, the delimiter detected and
    /// checked against the culture; the stream returned starts where <paramref name="raw"/> stood (the header line
    /// first). <paramref name="raw"/> is disposed on error.</summary>
    public static (Stream Stream, char Separator, int ReaderBuffer) Prepare(Stream raw, string source, RegisterLoadOptions options, bool gzipByName, char? commentPrefix)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Stream stream;
        char separator;
        int readerBuffer;
        try
        {
            stream = Decompressed(raw, source, gzipByName);
            readerBuffer = BufferFor(raw, stream, 1 << 18);
            (separator, stream) = DetectSeparator(stream, source, BufferFor(raw, stream, HeaderProbeBytes), (byte?)commentPrefix);
        }
        catch
        {
            raw.Dispose();
            throw;
        }

        if (separator == ',' && options.UsesDecimalComma)
        {
            stream.Dispose();
            throw new InputDataException(new DataError(source, 1, null, null, null,
                $"ambiguous: culture {options.Culture.Name} reads decimal commas but the file is comma-delimited; " +
                "use a ';' delimiter with a decimal-comma culture, or the invariant culture with '.' decimals"));
        }

        return (stream, separator, readerBuffer);
    }

    /// <summary>The second half of <see cref="Open(Stream, string, RegisterLoadOptions, IReadOnlyList{string}, bool,
    /// IReadOnlyList{string}?, char?)"/>: the reader over <paramref name="stream"/> (from <see cref="Prepare"/>, or a
    /// header line followed by later data), the header read and the columns found. <paramref name="errors"/>: the
    /// collector to keep using (null for a new one); <paramref name="lineOffset"/> is added to every line number
    /// (the lines of the file not in <paramref name="stream"/> after its header line).</summary>
    public static CsvInput OpenPrepared(Stream stream, char separator, int readerBuffer, string source, RegisterLoadOptions options, IReadOnlyList<string> required, IReadOnlyList<string>? optional, char? commentPrefix, DataErrorCollector? errors, long lineOffset)
    {
        var readerOptions = CsvReaderOptions.Default with
        {
            Separator = separator,
            DetectSeparatorHint = false,
            TrackLineNumbers = true,
            FormatProvider = options.Culture,
            BufferSize = readerBuffer,
            CommentPrefix = commentPrefix,
        };
        CsvReader reader;
        try
        {
            reader = CsvReader.Create(stream, readerOptions, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        try
        {
            reader.ReadHeader();
            int[] columns = FindColumns(source, reader.Headers, required, optional ?? []);
            return new CsvInput(source, reader, separator, columns, errors ?? new DataErrorCollector(options.MaxErrors)) { _lineOffset = lineOffset };
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The number of fields of the header.</summary>
    public int FieldCount => _fieldCount;

    /// <summary>Moves to the next record with the header's field count, reporting (and skipping) others.</summary>
    public bool Read()
    {
        while (_reader.Read())
        {
            int n = _reader.FieldCount;
            if (n == _fieldCount)
            {
                return true;
            }

            WrongFieldCount(n);
        }

        return false;
    }

    /// <summary>Reports the current record's field count (kept out of <see cref="Read"/>, the loop of every row).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void WrongFieldCount(int n)
    {
        bool openQuote = _reader.RawRecord.Count((byte)'"') % 2 == 1;
        Errors.Add(new DataError(Source, Line, null, null, null, string.Create(
            CultureInfo.InvariantCulture,
            $"wrong number of fields: expected {_fieldCount} as in the header, found {n} (delimiter '{Separator}'){(openQuote ? "; a quoted field is not closed" : "")}")));
    }

    /// <summary>Field <paramref name="column"/> (an index into <see cref="Columns"/>) of the current record,
    /// trimmed.</summary>
    public ReadOnlySpan<byte> Field(int column) => FieldText.Trim(_reader.GetSpan(Columns[column]));

    /// <summary>Field <paramref name="field"/> (an index into the header) of the current record, trimmed.</summary>
    public ReadOnlySpan<byte> FieldAt(int field) => FieldText.Trim(_reader.GetSpan(field));

    /// <summary>The index of column <paramref name="name"/> in the header (case-insensitive, trimmed), or -1; a name
    /// found twice is an error.</summary>
    public int Find(string name) => IndexOf(Source, _reader.Headers, name);

    /// <summary>The error for a column that a caller needs and the header lacks: <paramref name="role"/> says what
    /// the column is for (e.g. <c>covariate</c>).</summary>
    public DataError MissingColumn(string name, string role) => MissingColumn(Source, Headers, name, role);

    /// <summary>The error for a column that a caller needs and <paramref name="headers"/> lack (see the instance
    /// method).</summary>
    public static DataError MissingColumn(string source, IReadOnlyList<string> headers, string name, string role) =>
        new(source, 1, name, null, null, $"no {role} column '{name}' in the header (columns: {string.Join(", ", headers)})");

    /// <summary>True when column <paramref name="column"/> (an index into <see cref="Columns"/>) is in the file (an
    /// optional column may be absent).</summary>
    public bool Has(int column) => Columns[column] >= 0;

    /// <summary>Adds an error at the current line.</summary>
    public void Error(string? column, string? firmId, string? value, string message) =>
        Errors.Add(new DataError(Source, Line, column, firmId, value, message));

    /// <summary>The error for input the reader cannot get through (malformed CSV, corrupt gzip), with the errors
    /// collected so far.</summary>
    public static InputDataException Unreadable(CsvInput input, Exception e)
    {
        long line = e is CsvFormatException f && f.LineNumber > 0 ? f.LineNumber + input._lineOffset : input.Line;
        string what = e is InvalidDataException ? "corrupt or truncated gzip data" : "unreadable CSV";
        input.Errors.Add(new DataError(input.Source, line, null, null, null, $"{what}: {e.Message}"));
        return new InputDataException(input.Errors.Errors.ToArray(), input.Errors.Count);
    }

    /// <summary>Ends a read of <paramref name="rows"/> rows: a file with a header only is an error ("no data rows ...;
    /// expected <paramref name="expected"/>"), then every error collected is thrown.</summary>
    public void ThrowIfAny(int rows, string expected)
    {
        if (rows == 0 && !Errors.HasErrors)
        {
            Errors.Add(new DataError(Source, 0, null, null, null, "no data rows: the file has a header only; expected " + expected));
        }

        Errors.ThrowIfAny();
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    /// <summary>A buffer of <paramref name="max"/> bytes, or less for a small uncompressed file (a file of a few
    /// hundred bytes is not read through a 1 MB buffer); streams of unknown length and gzip get <paramref name="max"/>.</summary>
    private static int BufferFor(Stream raw, Stream decompressed, int max)
    {
        if (decompressed is BackgroundDecompressionStream || !raw.CanSeek)
        {
            return max;
        }

        long length = raw.Length - raw.Position;
        return (int)Math.Clamp(length + 3, 4096, max);
    }

    /// <summary>The stream, through gzip when it starts with gzip's magic bytes 1F 8B (read once: the bytes peeked
    /// are put back in front).</summary>
    private static Stream Decompressed(Stream raw, string source, bool gzipByName)
    {
        byte[] magic = new byte[2];
        int length = 0;
        while (length < magic.Length)
        {
            int read = raw.Read(magic, length, magic.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        bool gzip = length == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        if (gzipByName && !gzip)
        {
            throw new InputDataException(new DataError(source, 0, null, null, null,
                "not a valid gzip file: the name ends in .gz but the data does not start with gzip's magic bytes (1F 8B)"));
        }

        var stream = new PrefixedStream(magic.AsSpan(0, length).ToArray(), raw);
        return gzip ? new BackgroundDecompressionStream(new GZipStream(stream, CompressionMode.Decompress, leaveOpen: false)) : stream;
    }

    /// <summary>Reads up to the header line (after any comment lines) and counts commas, semicolons and tabs outside
    /// quotes: the more frequent of ',' and ';', or tab when the header has neither.</summary>
    private static (char Separator, Stream Remaining) DetectSeparator(Stream stream, string source, int probeBytes, byte? comment)
    {
        byte[] buffer = new byte[probeBytes];
        int length = 0;
        {
            try
            {
                while (length < buffer.Length)
                {
                    int read = stream.Read(buffer, length, buffer.Length - length);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (HeaderEnd(buffer.AsSpan(0, length), comment) >= 0)
                    {
                        break;
                    }
                }
            }
            catch (InvalidDataException e)
            {
                stream.Dispose();
                throw new InputDataException(new DataError(source, 0, null, null, null,
                    $"not a valid gzip file: {e.Message}"));
            }
        }

        var rest = new PrefixedStream(buffer.AsSpan(0, length).ToArray(), stream);

        ReadOnlySpan<byte> text = buffer.AsSpan(0, length);
        if (text.StartsWith("\xEF\xBB\xBF"u8))
        {
            text = text[3..];
        }

        long line = 1;
        while (comment is byte c && !text.IsEmpty && (text[0] == c || text[0] is (byte)'\n' or (byte)'\r'))
        {
            int next = text.IndexOf((byte)'\n');
            text = next < 0 ? [] : text[(next + 1)..];
            line++;
        }

        int end = text.IndexOfAny((byte)'\n', (byte)'\r');
        ReadOnlySpan<byte> header = end >= 0 ? text[..end] : text;
        if (FieldText.Trim(header).IsEmpty)
        {
            rest.Dispose();
            throw new InputDataException(new DataError(source, 0, null, null, null,
                text.IsEmpty ? "empty file: expected a header line and data rows" : "the first line is empty: expected a header line"));
        }

        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        bool quoted = false;
        foreach (byte b in header)
        {
            if (b == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b == (byte)',')
            {
                commas++;
            }
            else if (!quoted && b == (byte)';')
            {
                semicolons++;
            }
            else if (!quoted && b == (byte)'\t')
            {
                tabs++;
            }
        }

        if (commas == semicolons && (commas > 0 || tabs == 0))
        {
            string seen = header.IndexOf((byte)'|') >= 0 ? "'|'"
                : commas == 0 ? "a single column" : "as many commas as semicolons";
            string shown = FieldText.Show(header);
            rest.Dispose();
            throw new InputDataException(new DataError(source, line, null, null, shown,
                $"unknown delimiter: expected ',', ';' or tab between the column names (found {seen})"));
        }

        return (commas > semicolons ? ',' : semicolons > commas ? ';' : '\t', rest);
    }

    /// <summary>Where the header line ends in <paramref name="text"/> (after a BOM and any comment lines), or -1 when
    /// it is not complete yet.</summary>
    private static int HeaderEnd(ReadOnlySpan<byte> text, byte? comment)
    {
        int offset = 0;
        while (true)
        {
            int end = text[offset..].IndexOf((byte)'\n');
            if (end < 0)
            {
                return -1;
            }

            var line = text.Slice(offset, end);
            if (offset == 0 && line.StartsWith("\xEF\xBB\xBF"u8))
            {
                line = line[3..];
            }

            if (comment is not byte c || (!line.IsEmpty && line[0] != c && line[0] != (byte)'\r'))
            {
                return offset + end;
            }

            offset += end + 1;
        }
    }

    private static int[] FindColumns(string source, IReadOnlyList<string> headers, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        int[] columns = new int[required.Count + optional.Count];
        var missing = new List<string>();
        for (int r = 0; r < columns.Length; r++)
        {
            string name = r < required.Count ? required[r] : optional[r - required.Count];
            columns[r] = IndexOf(source, headers, name);
            if (columns[r] < 0 && r < required.Count)
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            string found = string.Join(", ", headers.Select(h => "'" + h.Trim() + "'"));
            throw new InputDataException(new DataError(source, 1, missing.Count == 1 ? missing[0] : null, null, null,
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => "'" + m + "'"))}; " +
                $"found columns {found}; expected {string.Join(", ", required)}"));
        }

        return columns;
    }

    /// <summary>The one rule for finding a column: its name, case-insensitive and trimmed; -1 when absent; a name
    /// found twice is an error naming both fields.</summary>
    public static int IndexOf(string source, IReadOnlyList<string> headers, string name)
    {
        int found = -1;
        for (int h = 0; h < headers.Count; h++)
        {
            if (!string.Equals(headers[h].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (found >= 0)
            {
                throw new InputDataException(new DataError(source, 1, name, null, null, string.Create(
                    CultureInfo.InvariantCulture,
                    $"column given twice (fields {found + 1} and {h + 1}): expected each column once")));
            }

            found = h;
        }

        return found;
    }
}
