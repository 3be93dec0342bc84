namespace GlobalMidt.Effects.Cli;

/// <summary>
/// Parsed <c>--name value</c> / <c>--name=value</c> / <c>--flag</c> options. Commands read the options they know
/// and call <see cref="ThrowIfUnused"/> so a mistyped option is an error, not silently ignored.
/// </summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    /// <summary>Arguments that are not options.</summary>
    public IReadOnlyList<string> Positional => _positional;

    /// <summary>The process around the command: standard input, whether standard error is a terminal.</summary>
    public CliHost Host { get; internal set; } = CliHost.Redirected;

    /// <summary>
    /// Accepts <paramref name="oldName"/> as a hidden alias of <paramref name="name"/> (kept so older command lines
    /// still work; not listed in the help). Giving both is an error.
    /// </summary>
    public void Alias(string name, string oldName)
    {
        if (!_values.Remove(oldName, out string? value))
        {
            return;
        }

        UsageException.ThrowIf(_values.ContainsKey(name), $"option --{name} is given twice (also as its old name --{oldName}).");

        _values[name] = value;
    }

    /// <summary>
    /// Accepts the flag <paramref name="oldName"/> (e.g. <c>--no-replace</c>) as a hidden alias of
    /// <c>--<paramref name="name"/> false</c>.
    /// </summary>
    public void NegatedAlias(string name, string oldName)
    {
        if (!_values.ContainsKey(oldName))
        {
            return;
        }

        bool on = Flag(oldName);
        _values.Remove(oldName);
        UsageException.ThrowIf(_values.ContainsKey(name), $"option --{name} is given twice (also as --{oldName}).");

        _values[name] = on ? "false" : "true";
    }

    /// <summary>Parses the arguments after the command name.</summary>
    public static ParsedArgs Parse(ReadOnlySpan<string> args)
    {
        var parsed = new ParsedArgs();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                string name = a[2..];
                string? value = null;
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }

                UsageException.ThrowIf(parsed._values.ContainsKey(name), $"option --{name} is given twice.");

                parsed._values[name] = value;
            }
            else if (a == "-h")
            {
                parsed._values["h"] = null;
            }
            else
            {
                parsed._positional.Add(a);
            }
        }

        return parsed;
    }

    /// <summary>True when the option was given (with or without a value).</summary>
    public bool Has(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    /// <summary>A boolean flag: present without a value, or with true/false.</summary>
    public bool Flag(string name)
    {
        if (!Has(name))
        {
            return false;
        }

        string? v = _values[name];
        return v switch
        {
            null => true,
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new UsageException($"option --{name} is a flag: give no value, or true/false (got '{v}')."),
        };
    }

    /// <summary>A string option, or <paramref name="fallback"/> when absent.</summary>
    public string? String(string name, string? fallback = null)
    {
        if (!Has(name))
        {
            return fallback;
        }

        string value = _values[name] ?? throw new UsageException($"option --{name} needs a value.");
        UsageException.ThrowIf(string.IsNullOrWhiteSpace(value), $"option --{name} needs a value (got an empty one).");
        UsageException.ThrowIf(value.Any(char.IsControl), $"option --{name}: the value contains a control character.");

        return value;
    }

    /// <summary>A required string option.</summary>
    public string Required(string name) =>
        String(name) ?? throw new UsageException($"option --{name} is required.");

    /// <summary>A number option (invariant culture, '.' as decimal point), checked against a range.</summary>
    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        string? s = String(name);
        if (s is null)
        {
            return fallback;
        }

        UsageException.ThrowIf(
            !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v),
            $"option --{name} expects a number such as 0.05 (got '{s}').");
        UsageException.ThrowIf(
            v < min || v > max,
            $"option --{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} (got {s}).");

        return v;
    }

    /// <summary>An optional number option.</summary>
    public double? OptionalDouble(string name, double min = double.MinValue, double max = double.MaxValue) =>
        Has(name) ? Double(name, 0, min, max) : null;

    /// <summary>An integer option checked against a range.</summary>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        string? s = String(name);
        if (s is null)
        {
            return fallback;
        }

        UsageException.ThrowIf(
            !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v),
            $"option --{name} expects a whole number (got '{s}').");
        UsageException.ThrowIf(v < min || v > max, $"option --{name} must be between {min} and {max} (got {v}).");

        return v;
    }

    /// <summary>A whole number 0..<see cref="ulong.MaxValue"/> (a seed); <paramref name="expected"/> describes it in
    /// the error.</summary>
    public ulong ULong(string name, ulong fallback, string expected)
    {
        string? s = String(name);
        return s is null ? fallback
            : ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v
            : throw new UsageException($"option --{name} expects {expected} (got '{s}').");
    }

    /// <summary>One of a fixed set of words.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        string v = String(name, fallback)!;
        UsageException.ThrowIf(
            !allowed.Contains(v, StringComparer.Ordinal),
            $"option --{name} must be one of {string.Join("|", allowed)} (got '{v}').");

        return v;
    }

    /// <summary>One of a fixed set of words, as the value it stands for; the first word is the default.</summary>
    public T Choice<T>(string name, params (string Word, T Value)[] choices)
    {
        string word = Choice(name, choices[0].Word, [.. choices.Select(c => c.Word)]);
        return choices.First(c => c.Word == word).Value;
    }

    /// <summary>A comma-separated list option (empty when absent).</summary>
    public IReadOnlyList<string> List(string name)
    {
        string? s = String(name);
        return s is null
            ? []
            : s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Throws a <see cref="UsageException"/> naming any option the command did not read.</summary>
    public void ThrowIfUnused()
    {
        var unused = _values.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        UsageException.ThrowIf(
            unused.Count > 0,
            $"unknown option{(unused.Count > 1 ? "s" : "")} {string.Join(", ", unused.Select(u => "--" + u))}.");

        if (_positional.Count > 0)
        {
            throw new UsageException($"unexpected argument '{_positional[0]}'.");
        }
    }
}
