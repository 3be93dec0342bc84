using System.Globalization;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// One level of exact matching on firm attributes: location (region or municipality or none), the first
/// <see cref="IndustryDigits"/> digits of the DB07 code (0 = any industry) and whether the firm has an employment
/// history. Levels are tried finest first; a participant whose cell holds no control moves to the next level.
/// </summary>
/// <param name="Location">Which location must agree.</param>
/// <param name="IndustryDigits">Leading DB07 digits that must agree (0-6).</param>
/// <param name="History">True when firms with and without a history are kept apart.</param>
public sealed record MatchingLevel(LocationLevel Location, int IndustryDigits, bool History)
{
    /// <summary>The default levels: region x 2-digit industry x history, then 1-digit industry, then region only, then national.</summary>
    public static IReadOnlyList<MatchingLevel> Defaults { get; } =
    [
        new(LocationLevel.Region, 2, true),
        new(LocationLevel.Region, 1, true),
        new(LocationLevel.Region, 0, true),
        new(LocationLevel.National, 0, true),
    ];

    /// <summary>The levels of <see cref="MeasurementMethod.Robust"/>: national x 2-digit industry x history, then 1-digit
    /// industry, then history only (no region: docs/accuracy.md).</summary>
    public static IReadOnlyList<MatchingLevel> National { get; } =
    [
        new(LocationLevel.National, 2, true),
        new(LocationLevel.National, 1, true),
        new(LocationLevel.National, 0, true),
    ];

    /// <summary>
    /// Parses a level such as <c>region+industry2+history</c>, <c>municipality+industry6</c>, <c>history</c> or
    /// <c>national</c> (parts joined by <c>+</c>).
    /// </summary>
    /// <exception cref="FormatException">An unknown part, a part given twice, or two locations / industry depths.</exception>
    public static MatchingLevel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var location = LocationLevel.National;
        int digits = 0;
        bool history = false;
        string? locationPart = null;
        string? industryPart = null;
        var parts = text.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException($"'{text}' is not a matching level: expected parts such as region+industry2+history, or national.");
        }

        foreach (var raw in parts)
        {
            string part = raw.ToLowerInvariant();
            if (part is "region" or "municipality" or "national")
            {
                if (locationPart is not null)
                {
                    throw new FormatException(locationPart == part
                        ? $"'{raw}' is given twice in matching level '{text}'; give each part once."
                        : $"matching level '{text}' names two locations ('{locationPart}' and '{part}'); give at most one of region, municipality, national.");
                }

                locationPart = part;
            }
            else if (part.StartsWith("industry", StringComparison.Ordinal))
            {
                if (industryPart is not null)
                {
                    throw new FormatException(industryPart == part
                        ? $"'{raw}' is given twice in matching level '{text}'; give each part once."
                        : $"matching level '{text}' names two industry depths ('{industryPart}' and '{part}'); give at most one of industry1..industry6.");
                }

                industryPart = part;
            }
            else if (part == "history" && history)
            {
                throw new FormatException($"'{raw}' is given twice in matching level '{text}'; give each part once.");
            }

            if (part == "region")
            {
                location = LocationLevel.Region;
            }
            else if (part == "municipality")
            {
                location = LocationLevel.Municipality;
            }
            else if (part == "national")
            {
                location = LocationLevel.National;
            }
            else if (part == "history")
            {
                history = true;
            }
            else if (part.StartsWith("industry", StringComparison.Ordinal)
                && int.TryParse(part.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out int d) && d is >= 1 and <= 6)
            {
                digits = d;
            }
            else
            {
                throw new FormatException($"'{raw}' in matching level '{text}' is not one of region, municipality, national, industry1..industry6, history.");
            }
        }

        return new MatchingLevel(location, digits, history);
    }

    /// <summary>The level as text, e.g. <c>region+industry2+history</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>(3);
        if (Location != LocationLevel.National)
        {
            parts.Add(Location == LocationLevel.Region ? "region" : "municipality");
        }

        if (IndustryDigits > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"industry{IndustryDigits}"));
        }

        if (History)
        {
            parts.Add("history");
        }

        return parts.Count == 0 ? "national" : string.Join('+', parts);
    }
}

