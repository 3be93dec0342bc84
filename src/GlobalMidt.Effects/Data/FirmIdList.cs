using System.Collections;
using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// A register's firm ids, read-only: strings, or the ids' UTF-8 bytes side by side, each made a string when asked
/// for. A register loaded from a file holds its ids as bytes: a million ids are then two arrays, not a million objects
/// that every collection of the heap visits (docs/performance.md).
/// </summary>
internal sealed class FirmIdList : IReadOnlyList<string>
{
    private readonly string[]? _strings;
    private readonly byte[] _bytes;
    private readonly int[] _starts;
    private string[]? _all;

    private FirmIdList(string[]? strings, byte[] bytes, int[] starts)
    {
        _strings = strings;
        _bytes = bytes;
        _starts = starts;
        Count = strings?.Length ?? starts.Length - 1;
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>True when the ids are held as UTF-8 bytes.</summary>
    public bool IsUtf8 => _strings is null;

    /// <inheritdoc />
    public string this[int index] =>
        _strings is { } strings ? strings[index] : Encoding.UTF8.GetString(Utf8((uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index))));

    /// <summary>Ids given as strings (not copied).</summary>
    public static FirmIdList Of(string[] ids) => new(ids, [], []);

    /// <summary>Ids as UTF-8: id i is <paramref name="bytes"/>[<paramref name="starts"/>[i] ..
    /// <paramref name="starts"/>[i + 1]] (valid UTF-8).</summary>
    public static FirmIdList OfUtf8(byte[] bytes, int[] starts) => new(null, bytes, starts);

    /// <summary>The UTF-8 bytes of id <paramref name="index"/> (only when <see cref="IsUtf8"/>).</summary>
    public ReadOnlySpan<byte> Utf8(int index) => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>All ids as strings (made once, then kept).</summary>
    public string[] Strings()
    {
        if (_strings is not null)
        {
            return _strings;
        }

        if (_all is null)
        {
            var all = new string[Count];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = Encoding.UTF8.GetString(Utf8(i));
            }

            _all = all;
        }

        return _all;
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
