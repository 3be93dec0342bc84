using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The whole measurement: settings, the control pool and one <see cref="GroupResult"/> per group.</summary>
public sealed partial record MeasurementResult
{
    /// <summary>The periods used.</summary>
    public required MeasurementWindow Window { get; init; }

    /// <summary>The options used.</summary>
    public required MeasurementOptions Options { get; init; }

    /// <summary>Firms in the register.</summary>
    public required int RegisterFirms { get; init; }

    /// <summary>Eligible firms that took part in no project.</summary>
    public required int ControlPoolSize { get; init; }

    /// <summary>The cross-cutting row first, then the groups in ordinal name order.</summary>
    public required IReadOnlyList<GroupResult> Groups { get; init; }

    /// <summary>Wall-clock seconds of the pipeline's phases (not part of the reports, which stay byte-identical).</summary>
    public MeasurementTimings? Timings { get; init; }

    /// <summary>Things the user should know (groups without budget, budgets without participants, ...).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The output indicators (<see cref="OutputIndicators"/>) when <see cref="MeasurementOptions.Indicators"/>
    /// is set; null otherwise.</summary>
    public ProgrammeIndicators? Indicators { get; init; }

    /// <summary>With <see cref="MeasurementOptions.Series"/>: the measurement of every period after the project end
    /// (this result is then that of the last period); null otherwise.</summary>
    public SeriesResult? Series { get; init; }
}

