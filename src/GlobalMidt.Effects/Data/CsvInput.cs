using System.Globalization;
using System.IO.Compression;
using CsvHelper;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// An opened CSV extract: the file checked to exist, <c>.gz</c> decompressed on the fly, the delimiter detected
/// from the header line (comma or semicolon only), the header read and the required columns found by name.
/// </summary>
/// <remarks>Shared by the register, participants and budgets loaders so that all report the same file-level
/// errors the same way. Fatal problems (no file, empty file, unknown delimiter, missing columns) throw at once;
/// row-level problems go to <see cref="Errors"/>.</remarks>
internal sealed class CsvInput : IDisposable
{
    private const int HeaderProbeBytes = 1 << 20;
    private readonly CsvReader _reader;
    private readonly int _fieldCount;

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
    public long Line => _reader.LineNumber;

    /// <summary>Opens <paramref name="path"/> and finds <paramref name="required"/> columns (case-insensitive,
    /// trimmed; extra columns are ignored).</summary>
    public static CsvInput Open(string path, RegisterLoadOptions options, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options.Validate();
        string source = Path.GetFileName(path);
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

        return Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), source, options, required,
            gzipByName: path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase), optional: optional);
    }

    /// <summary>Reads <paramref name="raw"/> once, from its current position (a pipe or standard input is fine):
    /// gzip is recognised by its magic bytes, the delimiter from the header line; then finds <paramref name="required"/>
    /// columns. <paramref name="source"/> names the input in errors. The stream is disposed with the input.
    /// <paramref name="gzipByName"/>: the name ends in .gz, so input without the gzip magic bytes is an error.
    /// <paramref name="optional"/> columns follow the required ones in <see cref="Columns"/>, at -1 when absent
    /// (<see cref="Has"/>).</summary>
    public static CsvInput Open(Stream raw, string source, RegisterLoadOptions options, IReadOnlyList<string> required, bool gzipByName = false, IReadOnlyList<string>? optional = null)
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
            (separator, stream) = DetectSeparator(stream, source, BufferFor(raw, stream, HeaderProbeBytes));
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

        var readerOptions = CsvReaderOptions.Default with
        {
            Separator = separator,
            DetectSeparatorHint = false,
            TrackLineNumbers = true,
            FormatProvider = options.Culture,
            BufferSize = readerBuffer,
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
            return new CsvInput(source, reader, separator, columns, new DataErrorCollector(options.MaxErrors));
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

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

            Errors.Add(new DataError(Source, _reader.LineNumber, null, null, null, string.Create(
                CultureInfo.InvariantCulture,
                $"wrong number of fields: expected {_fieldCount} as in the header, found {n} (delimiter '{Separator}')")));
        }

        return false;
    }

    /// <summary>Field <paramref name="column"/> (an index into <see cref="Columns"/>) of the current record,
    /// trimmed.</summary>
    public ReadOnlySpan<byte> Field(int column) => FieldText.Trim(_reader.GetSpan(Columns[column]));

    /// <summary>True when column <paramref name="column"/> (an index into <see cref="Columns"/>) is in the file (an
    /// optional column may be absent).</summary>
    public bool Has(int column) => Columns[column] >= 0;

    /// <summary>Adds an error at the current line.</summary>
    public void Error(string? column, string? firmId, string? value, string message) =>
        Errors.Add(new DataError(Source, _reader.LineNumber, column, firmId, value, message));

    /// <summary>The error for input the reader cannot get through (malformed CSV, corrupt gzip), with the errors
    /// collected so far.</summary>
    public static InputDataException Unreadable(CsvInput input, Exception e)
    {
        long line = e is CsvFormatException f && f.LineNumber > 0 ? f.LineNumber : input._reader.LineNumber;
        string what = e is InvalidDataException ? "corrupt or truncated gzip data" : "unreadable CSV";
        input.Errors.Add(new DataError(input.Source, line, null, null, null, $"{what}: {e.Message}"));
        return new InputDataException(input.Errors.Errors.ToArray(), input.Errors.Count);
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

    /// <summary>Reads the header line and counts commas and semicolons outside quotes.</summary>
    private static (char Separator, Stream Remaining) DetectSeparator(Stream stream, string source, int probeBytes)
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
                    if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0)
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
        }

        if (commas == semicolons)
        {
            string seen = header.IndexOf((byte)'\t') >= 0 ? "tabs"
                : header.IndexOf((byte)'|') >= 0 ? "'|'"
                : commas == 0 ? "a single column" : "as many commas as semicolons";
            string shown = FieldText.Show(header);
            rest.Dispose();
            throw new InputDataException(new DataError(source, 1, null, null, shown,
                $"unknown delimiter: expected ',' or ';' between the column names (found {seen})"));
        }

        return (commas > semicolons ? ',' : ';', rest);
    }

    private static int[] FindColumns(string source, IReadOnlyList<string> headers, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        int[] columns = new int[required.Count + optional.Count];
        var missing = new List<string>();
        for (int r = 0; r < columns.Length; r++)
        {
            string name = r < required.Count ? required[r] : optional[r - required.Count];
            columns[r] = -1;
            for (int h = 0; h < headers.Count; h++)
            {
                if (!string.Equals(headers[h].Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (columns[r] >= 0)
                {
                    throw new InputDataException(new DataError(source, 1, name, null, null, string.Create(
                        CultureInfo.InvariantCulture,
                        $"column given twice (fields {columns[r] + 1} and {h + 1}): expected each column once")));
                }

                columns[r] = h;
            }

            if (columns[r] < 0 && r < required.Count)
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            string found = string.Join(", ", headers.Select(h => "'" + h.Trim() + "'"));
            throw new InputDataException(new DataError(source, 1, null, null, null,
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => "'" + m + "'"))}; " +
                $"found columns {found}; expected {string.Join(", ", required)}"));
        }

        return columns;
    }
}
