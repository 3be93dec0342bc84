using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Cli;

/// <summary>Options shared by several commands, parsed and checked in one place so every command accepts and
/// rejects the same values with the same message (exit code 2).</summary>
internal static class CommonOptions
{
    /// <summary><c>--culture NAME</c>: a predefined culture (or <c>invariant</c>) whose decimal separator is '.' or ','.</summary>
    public static CultureInfo Culture(ParsedArgs args)
    {
        string? name = args.String("culture");
        if (name is null || string.Equals(name, "invariant", StringComparison.OrdinalIgnoreCase))
        {
            return CultureInfo.InvariantCulture;
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw new UsageException($"option --culture: unknown culture '{name}' (e.g. da-DK, en-US or invariant).");
        }

        string separator = culture.NumberFormat.NumberDecimalSeparator;
        if (separator is not ("." or ","))
        {
            throw new UsageException(
                $"option --culture: culture '{name}' writes decimals with '{separator}'; only cultures with a '.' or ',' decimal separator are supported (e.g. da-DK, en-US or invariant).");
        }

        return culture;
    }

    /// <summary>The loaders' options: <c>--culture</c>, <c>--attribute-changes</c> and the error cap.</summary>
    public static RegisterLoadOptions LoadOptions(ParsedArgs args, int maxErrors = 50)
    {
        var culture = Culture(args);
        string rule = args.Choice("attribute-changes", "error", "error", "latest");
        var options = new RegisterLoadOptions
        {
            Culture = culture,
            AttributeChangeRule = rule == "latest" ? AttributeChangeRule.UseLatest : AttributeChangeRule.Error,
            MaxErrors = maxErrors,
        };
        options.Validate(); // an OptionsException is exit code 2

        return options;
    }

    /// <summary><c>--format</c>: table (the default), markdown, csv, json and, when <paramref name="html"/>, html.</summary>
    public static string Format(ParsedArgs args, bool html = true) =>
        html ? args.Choice("format", "table", "table", "markdown", "csv", "json", "html") : args.Choice("format", "table", "table", "markdown", "csv", "json");

    /// <summary><c>--distance</c>: the default first, then the others in a fixed order (as the help lists them).</summary>
    public static DistanceMetric Distance(ParsedArgs args, DistanceMetric fallback)
    {
        (string, DistanceMetric)[] all =
        [
            ("mahalanobis", DistanceMetric.Mahalanobis), ("scaled_euclidean", DistanceMetric.ScaledEuclidean),
            ("euclidean", DistanceMetric.Euclidean), ("glm", DistanceMetric.Glm),
        ];
        return args.Choice("distance", [.. all.Where(d => d.Item2 == fallback), .. all.Where(d => d.Item2 != fallback)]);
    }

    /// <summary>A period option (<c>YYYY</c>, <c>YYYYH1</c>, <c>YYYYH2</c>, years 1900-2999), or null when absent.</summary>
    public static Period? Period(ParsedArgs args, string name)
    {
        string? text = args.String(name);
        if (text is null)
        {
            return null;
        }

        return Data.Period.TryParse(text, out var p)
            ? p
            : throw new UsageException($"option --{name}: '{text}' is not a period (YYYY, YYYYH1 or YYYYH2 with a year 1900-2999, e.g. 2008H2).");
    }

    /// <summary><c>--levels</c>: exact-matching levels, finest first; each level at most once, each part of a
    /// level at most once.</summary>
    public static IReadOnlyList<MatchingLevel>? Levels(ParsedArgs args)
    {
        if (!args.Has("levels"))
        {
            return null;
        }

        var list = args.List("levels");
        UsageException.ThrowIf(list.Count == 0, "option --levels needs at least one level (e.g. region+industry2+history,national).");

        var levels = new List<MatchingLevel>(list.Count);
        foreach (string text in list)
        {
            MatchingLevel level;
            try
            {
                level = MatchingLevel.Parse(text);
            }
            catch (FormatException e)
            {
                throw new UsageException($"option --levels: {e.Message}");
            }

            int earlier = levels.IndexOf(level);
            if (earlier >= 0)
            {
                throw new UsageException($"option --levels: '{text}' is the same level as '{list[earlier]}'; give each level once.");
            }

            levels.Add(level);
        }

        return levels;
    }
}
