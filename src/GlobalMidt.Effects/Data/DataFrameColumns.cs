using System.Globalization;
using System.Numerics;
using System.Text;
using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects.Data;

/// <summary>Reads DataFrame columns for the loaders: finds them by name, copies numbers through the column's data
/// and null-bitmap buffers (not row by row), and serves text as UTF-8.</summary>
internal static class DataFrameColumns
{
    public const string Source = "DataFrame";

    /// <summary>Finds <paramref name="required"/> columns by name (case-insensitive, trimmed).</summary>
    public static DataFrameColumn[] Find(DataFrame df, IReadOnlyList<string> required)
    {
        var result = new DataFrameColumn[required.Count];
        var missing = new List<string>();
        for (int r = 0; r < required.Count; r++)
        {
            foreach (var c in df.Columns)
            {
                if (string.Equals(c.Name.Trim(), required[r], StringComparison.OrdinalIgnoreCase))
                {
                    result[r] ??= c;
                }
            }

            if (result[r] is null)
            {
                missing.Add(required[r]);
            }
        }

        if (missing.Count > 0)
        {
            string found = string.Join(", ", df.Columns.Select(c => "'" + c.Name + "'"));
            throw new InputDataException(new DataError(Source, 0, null, null, null,
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => "'" + m + "'"))}; " +
                $"found columns {found}; expected {string.Join(", ", required)}"));
        }

        if (df.Rows.Count > Array.MaxLength)
        {
            throw new InputDataException(new DataError(Source, 0, null, null, null, string.Create(
                CultureInfo.InvariantCulture, $"too many rows ({df.Rows.Count}): at most {Array.MaxLength}")));
        }

        return result;
    }

    /// <summary>A numeric column as doubles plus null flags, copied buffer by buffer.</summary>
    public static (double[] Values, bool[] IsNull) Numbers(DataFrameColumn column, string name) => column switch
    {
        PrimitiveDataFrameColumn<double> c => Copy(c),
        PrimitiveDataFrameColumn<float> c => Copy(c),
        PrimitiveDataFrameColumn<int> c => Copy(c),
        PrimitiveDataFrameColumn<long> c => Copy(c),
        PrimitiveDataFrameColumn<short> c => Copy(c),
        PrimitiveDataFrameColumn<decimal> c => Copy(c),
        _ => throw WrongType(column, name, "a numeric column (double, float, int, long, short or decimal)"),
    };

    /// <summary>The error for a column of the wrong type.</summary>
    public static InputDataException WrongType(DataFrameColumn column, string name, string expected) =>
        new(new DataError(Source, 0, name, null, column.DataType.Name, $"column has the wrong type: expected {expected}"));

    private static (double[] Values, bool[] IsNull) Copy<T>(PrimitiveDataFrameColumn<T> column)
        where T : unmanaged, INumberBase<T>
    {
        var values = new double[column.Length];
        var isNull = new bool[column.Length];
        int offset = 0;
        using var data = column.GetReadOnlyDataBuffers().GetEnumerator();
        using var nulls = column.GetReadOnlyNullBitMapBuffers().GetEnumerator();
        while (data.MoveNext())
        {
            nulls.MoveNext();
            var span = data.Current.Span;
            var bits = nulls.Current.Span;
            for (int i = 0; i < span.Length; i++)
            {
                values[offset + i] = double.CreateSaturating(span[i]);
                isNull[offset + i] = (bits[i >> 3] & (1 << (i & 7))) == 0;
            }

            offset += span.Length;
        }

        return (values, isNull);
    }

    /// <summary>A column read as text: strings, or whole numbers (firm ids, years, municipality codes).</summary>
    internal sealed class Text
    {
        private readonly StringDataFrameColumn? _strings;
        private readonly double[]? _numbers;
        private readonly bool[]? _isNull;
        private byte[] _buffer = new byte[64];

        public Text(DataFrameColumn column, string name, bool allowWholeNumbers)
        {
            Name = name;
            if (column is StringDataFrameColumn s)
            {
                _strings = s;
            }
            else if (allowWholeNumbers && column is PrimitiveDataFrameColumn<int> or PrimitiveDataFrameColumn<long> or PrimitiveDataFrameColumn<short>)
            {
                (_numbers, _isNull) = Numbers(column, name);
            }
            else
            {
                throw WrongType(column, name, allowWholeNumbers
                    ? "text (StringDataFrameColumn) or whole numbers (int, long, short)"
                    : name == "industry"
                        ? "text (StringDataFrameColumn) so that leading zeros of DB07 codes survive (e.g. '011100')"
                        : "text (StringDataFrameColumn)");
            }
        }

        public string Name { get; }

        /// <summary>True when the value at <paramref name="row"/> is null.</summary>
        public bool IsNull(int row) => _strings is not null ? _strings[row] is null : _isNull![row];

        /// <summary>The value at <paramref name="row"/> as trimmed UTF-8 (valid until the next call).</summary>
        public ReadOnlySpan<byte> Utf8(int row)
        {
            if (_strings is not null)
            {
                string s = _strings[row] ?? string.Empty;
                int max = Encoding.UTF8.GetMaxByteCount(s.Length);
                if (_buffer.Length < max)
                {
                    _buffer = new byte[max];
                }

                int n = Encoding.UTF8.GetBytes(s, _buffer);
                return FieldText.Trim(_buffer.AsSpan(0, n));
            }

            long v = (long)_numbers![row];
            v.TryFormat(_buffer, out int written, default, CultureInfo.InvariantCulture);
            return _buffer.AsSpan(0, written);
        }

        /// <summary>The value as a string, for messages and participants.</summary>
        public string String(int row) => Encoding.UTF8.GetString(Utf8(row));
    }
}
