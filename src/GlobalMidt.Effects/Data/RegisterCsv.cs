using System.Runtime.CompilerServices;
using CsvHelper;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects;

/// <summary>Loads the firm register (<c>firms.csv</c> or <c>firms.csv.gz</c>) into a validated <see cref="Register"/>.</summary>
/// <remarks>
/// Columns (found by name, case-insensitive, trimmed, in any order; extra columns ignored):
/// <c>firm_id, period, municipality, region, industry, sector, fte, turnover</c>, and optionally <c>export</c> and
/// <c>value_added</c> (1,000 DKK; see <see cref="Register.HasExport"/>). Comma, semicolon or tab delimiter,
/// UTF-8 with or without BOM, CRLF or LF, quoted fields (the rules of every table the package reads);
/// <c>.gz</c> files are decompressed on the fly. See <c>docs/data-contract.md</c>. The R equivalent is
/// <c>read.csv(..., colClasses = c(industry = "character"))</c> followed by the checks listed there.
/// </remarks>
public static class RegisterCsv
{
    /// <summary>Reads and validates a register file.</summary>
    /// <param name="path">The file; a name ending in <c>.gz</c> is read through gzip.</param>
    /// <param name="options">Culture, attribute-change rule and error cap; null for <see cref="RegisterLoadOptions.Default"/>.</param>
    /// <exception cref="InputDataException">The file is missing or bad; every error found (up to the cap) is listed
    /// with file, line, column, firm id and value.</exception>
    public static Register Load(string path, RegisterLoadOptions? options = null)
    {
        options ??= RegisterLoadOptions.Default;
        var file = CsvInput.OpenFile(path, options, out string source);
        return RegisterChunkReader.Load(file, source, path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase), options);
    }

    /// <summary>Reads and validates register from <paramref name="stream"/>, read once from its current position
    /// (standard input or a pipe is fine; gzip is recognised by its magic bytes). The stream is disposed.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="source">The name used in errors, e.g. <c>stdin</c>.</param>
    /// <param name="options">As for the path overload; null for the defaults.</param>
    /// <exception cref="InputDataException">The data is bad; every error found (up to the cap) is listed.</exception>
    public static Register Load(Stream stream, string source, RegisterLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        options ??= RegisterLoadOptions.Default;
        return RegisterChunkReader.Load(stream, source, false, options);
    }

    /// <summary>As <see cref="Load(string, RegisterLoadOptions?)"/>, calling <paramref name="percent"/> with 10, 20, ...
    /// 90 as a regular file is read (see <see cref="ProgressStream.Open"/>; anything else is read plainly).</summary>
    internal static Register Load(string path, RegisterLoadOptions options, Action<int> percent) =>
        ProgressStream.Open(path, percent) is { } stream ? Load(stream, Path.GetFileName(path), options) : Load(path, options);

    /// <summary>The rows of <paramref name="input"/> into <paramref name="builder"/>, field by field in contract
    /// order (the one row loop of the CSV register; <see cref="RegisterChunkReader"/> makes the same calls);
    /// unreadable CSV or gzip becomes the input's error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ReadRows(CsvInput input, RegisterBuilder builder)
    {
        bool export = builder.WithExport;
        bool valueAdded = builder.WithValueAdded;
        try
        {
            while (input.Read())
            {
                builder.BeginRow(input.Line, input.Field(0));
                builder.SetPeriod(input.Field(1));
                builder.SetAttributes(input.Field(2), input.Field(3), input.Field(4), input.Field(5));
                builder.SetFte(input.Field(6));
                builder.SetTurnover(input.Field(7));
                if (export)
                {
                    builder.SetExport(input.Field(8));
                }

                if (valueAdded)
                {
                    builder.SetValueAdded(input.Field(9));
                }
                builder.EndRow();
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException)
        {
            throw CsvInput.Unreadable(input, e);
        }
    }
}
