namespace GlobalMidt.Effects.Data;

/// <summary>Collects <see cref="DataError"/>s up to a cap, counting the rest.</summary>
internal sealed class DataErrorCollector
{
    private readonly List<DataError> _errors = [];

    /// <summary>Creates a collector keeping at most <paramref name="cap"/> errors (default 50).</summary>
    public DataErrorCollector(int cap = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        Cap = cap;
    }

    /// <summary>How many errors are kept for the report.</summary>
    public int Cap { get; }

    /// <summary>How many errors were added in all.</summary>
    public int Count { get; private set; }

    /// <summary>True when any error was added.</summary>
    public bool HasErrors => Count > 0;

    /// <summary>The kept errors.</summary>
    public IReadOnlyList<DataError> Errors => _errors;

    /// <summary>Adds an error (kept when under the cap, counted always).</summary>
    public void Add(DataError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Count++;
        if (_errors.Count < Cap)
        {
            _errors.Add(error);
        }
    }

    /// <summary>Throws <see cref="InputDataException"/> when any error was added.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new InputDataException(_errors.ToArray(), Count);
        }
    }
}
