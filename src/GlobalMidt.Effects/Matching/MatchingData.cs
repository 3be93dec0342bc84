using System.Globalization;

namespace GlobalMidt.Effects.Matching;

/// <summary>
/// The rows to match: a treatment flag, numeric covariate columns, optional exact-matching strata and a tie-break
/// rank. Knows nothing about firms: any table can be matched.
/// </summary>
public sealed class MatchingData
{
    /// <summary>Creates the matching input; arrays are used as given (not copied).</summary>
    /// <param name="treated">Per row, true for a treated unit.</param>
    /// <param name="covariateNames">Names of the covariate columns.</param>
    /// <param name="covariates">Covariate columns (one array per covariate, each of the row count); no NaN.</param>
    /// <param name="strata">Per row, the exact-matching stratum (any integers); null for one stratum.</param>
    /// <param name="tieRank">Per row, a rank that breaks exact distance ties (smaller wins; unique per row);
    /// null for row order.</param>
    /// <param name="categorical">Categorical covariates (text values), expanded as R's <c>model.matrix</c> does;
    /// null for none.</param>
    public MatchingData(
        bool[] treated,
        IReadOnlyList<string> covariateNames,
        double[][] covariates,
        int[]? strata = null,
        int[]? tieRank = null,
        IReadOnlyList<CategoricalCovariate>? categorical = null)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(covariateNames);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariateNames.Count != covariates.Length)
        {
            throw new ArgumentException("One name per covariate column is needed.", nameof(covariateNames));
        }

        for (int j = 0; j < covariates.Length; j++)
        {
            var col = covariates[j] ?? throw new ArgumentNullException(nameof(covariates));
            if (col.Length != treated.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Covariate '{covariateNames[j]}' has {col.Length} values for {treated.Length} rows."), nameof(covariates));
            }

            for (int i = 0; i < col.Length; i++)
            {
                if (!double.IsFinite(col[i]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Covariate '{covariateNames[j]}' has a missing or infinite value at row {i + 1}."), nameof(covariates));
                }
            }
        }

        if (strata is not null && strata.Length != treated.Length)
        {
            throw new ArgumentException("Strata need one value per row.", nameof(strata));
        }

        if (tieRank is not null && tieRank.Length != treated.Length)
        {
            throw new ArgumentException("Tie ranks need one value per row.", nameof(tieRank));
        }

        categorical ??= [];
        foreach (var c in categorical)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(categorical));
            if (c.Codes.Length != treated.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Categorical covariate '{c.Name}' has {c.Codes.Length} values for {treated.Length} rows."), nameof(categorical));
            }

            foreach (int code in c.Codes)
            {
                if ((uint)code >= (uint)c.Levels.Count)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Categorical covariate '{c.Name}' has code {code} outside its {c.Levels.Count} levels."), nameof(categorical));
                }
            }
        }

        if (tieRank is not null && SmallestRepeated(tieRank) is int repeated)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Tie ranks must be unique per row (rank {repeated} is given twice)."), nameof(tieRank));
        }

        Treated = treated;
        Categorical = categorical;
        CovariateNames = covariateNames;
        Covariates = covariates;
        Strata = strata;
        TieRank = tieRank;
    }

    /// <summary>The smallest value given more than once, or null: by marks over the values' range when it is not
    /// much larger than the count (row numbers, firm indices), else by sorting a copy.</summary>
    private static int? SmallestRepeated(int[] values)
    {
        if (values.Length < 2)
        {
            return null;
        }

        int min = int.MaxValue;
        int max = int.MinValue;
        foreach (int v in values)
        {
            min = v < min ? v : min;
            max = v > max ? v : max;
        }

        long range = (long)max - min + 1;
        if (range <= (4L * values.Length) + 1024)
        {
            var seen = new bool[range];
            bool repeated = false;
            foreach (int v in values)
            {
                repeated |= seen[v - min];
                seen[v - min] = true;
            }

            if (!repeated)
            {
                return null;
            }

            var count = new byte[range];
            foreach (int v in values)
            {
                count[v - min] = (byte)Math.Min(count[v - min] + 1, 2);
            }

            return min + Array.IndexOf(count, (byte)2);
        }

        var sorted = (int[])values.Clone();
        Array.Sort(sorted);
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                return sorted[i];
            }
        }

        return null;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount => Treated.Length;

    /// <summary>Per row, true for a treated unit (read-only).</summary>
    public IReadOnlyList<bool> IsTreated => Array.AsReadOnly(Treated);

    /// <summary>Covariate names.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Covariate columns (read-only), in the order of <see cref="CovariateNames"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> CovariateColumns => Array.AsReadOnly(Array.ConvertAll(Covariates, Array.AsReadOnly));

    /// <summary>Per row, the exact-matching stratum (read-only), or null for one stratum.</summary>
    public IReadOnlyList<int>? StratumOfRow => Strata is null ? null : Array.AsReadOnly(Strata);

    /// <summary>Per row, the tie-break rank (read-only), or null for row order.</summary>
    public IReadOnlyList<int>? TieRanks => TieRank is null ? null : Array.AsReadOnly(TieRank);

    /// <summary>Categorical covariates (empty when none).</summary>
    public IReadOnlyList<CategoricalCovariate> Categorical { get; }

    /// <summary>The treatment flags as given, for the matching engine.</summary>
    internal bool[] Treated { get; }

    /// <summary>The covariate columns as given, for the matching engine.</summary>
    internal double[][] Covariates { get; }

    /// <summary>The strata as given, or null.</summary>
    internal int[]? Strata { get; }

    /// <summary>The tie-break ranks as given, or null for row order.</summary>
    internal int[]? TieRank { get; }
}
