using System.Globalization;

namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// The export column of <see cref="RegisterSimulator"/>'s register (<see cref="SimulationOptions.Export"/>; null, the
/// default, writes no export column and leaves the register byte for byte as before). The model is documented in
/// <c>docs/accuracy.md</c> ("The generator"): who exports, how much of its turnover, and the programme's selection on
/// exporters. The programme's designed effect on export is per group, <see cref="SimulatedGroup.ExportEffect"/>.
/// </summary>
/// <remarks>
/// Per firm and period (yearly snapshots), from a random stream of its own:
/// <list type="bullet">
/// <item><b>Exporter status</b>, a two-state Markov chain: in its first period a firm exports with probability
/// <c>logistic(ExporterLogit + k_d + ExporterSizeSlope log(1+FTE))</c>, <c>k_d</c> the industry's export orientation
/// (<see cref="IndustryShift"/>); later a non-exporter starts with probability
/// <c>logistic(ExporterLogit + k_d + ExporterSizeSlope log(1+FTE) + StartOffset)</c> and an exporter stops with
/// probability <c>StopBase + StopSmall / (1 + FTE)</c> (FTE of the period before).</item>
/// <item><b>Export share of turnover</b> <c>s_t = MaxShare · logistic(μ_i + w_t + ξ_t)</c>: the firm's level
/// <c>μ_i = ShareLogit + k_d / 2 + SdShareFirm z_i</c>, a persistent AR(1) <c>w_t = SharePersistence w_{t−1} +
/// SdShareShock z_t</c> and a transitory <c>ξ_t ~ N(0, SdTransitoryShare²)</c>.</item>
/// <item><b>Export</b> (counterfactual) = <c>s_t</c> × the untreated turnover of the period (which carries
/// turnover's persistent and transitory shocks), 0 for non-exporters and in inactive periods.</item>
/// <item><b>Programme</b>: a participant's actual export is its counterfactual times <c>1 + ExportEffect</c> of its
/// groups (summed, phased in linearly after baseline as turnover), so the programme raises exporters' export and
/// makes no new exporters; participants are recruited with <c>SelectionExporter</c> added to the log propensity when
/// they export at baseline.</item>
/// </list>
/// </remarks>
public sealed record RegisterExport
{
    /// <summary>The study's export model with the defaults below.</summary>
    public static RegisterExport Default { get; } = new();

    /// <summary>Log odds of exporting for a firm without staff in an industry of no export orientation. Default -2.2.</summary>
    public double ExporterLogit { get; init; } = -2.2;

    /// <summary>Slope of the log odds of exporting on log(1+FTE). Default 0.6 (1 FTE: 14 %, 10 FTE: 32 %, 100 FTE:
    /// 64 % in a neutral industry).</summary>
    public double ExporterSizeSlope { get; init; } = 0.6;

    /// <summary>Added to the log odds of exporting for a non-exporter's yearly start. Default -2.5.</summary>
    public double StartOffset { get; init; } = -2.5;

    /// <summary>Yearly probability that an exporter stops: <c>StopBase + StopSmall / (1 + FTE)</c>. Default 0.04.</summary>
    public double StopBase { get; init; } = 0.04;

    /// <summary>See <see cref="StopBase"/>. Default 0.12.</summary>
    public double StopSmall { get; init; } = 0.12;

    /// <summary>Largest export share of turnover. Default 0.8.</summary>
    public double MaxShare { get; init; } = 0.8;

    /// <summary>Mean log odds of the export share (before <see cref="MaxShare"/>). Default -1.0.</summary>
    public double ShareLogit { get; init; } = -1.0;

    /// <summary>SD of the firms' own level of the share's log odds. Default 0.8.</summary>
    public double SdShareFirm { get; init; } = 0.8;

    /// <summary>AR(1) coefficient of the persistent shock to the share's log odds. Default 0.7.</summary>
    public double SharePersistence { get; init; } = 0.7;

    /// <summary>SD of the persistent shock per period. Default 0.25.</summary>
    public double SdShareShock { get; init; } = 0.25;

    /// <summary>SD of the transitory (one-period) shock to the share's log odds. Default 0.20.</summary>
    public double SdTransitoryShare { get; init; } = 0.20;

    /// <summary>Added to a firm's log participation propensity when it exports at baseline. Default 0.5 (as the
    /// effect-chain generator).</summary>
    public double SelectionExporter { get; init; } = 0.5;

    /// <summary>The export orientation <c>k_d</c> of a DB07 division (2-digit code): manufacturing 1.2, wholesale 0.8,
    /// mining 0.5, information and communication and research 0.5, transport 0.3, agriculture, forestry and fishing
    /// 0.2, motor trade -0.3, every other division (construction, retail, hospitality, real estate, services, public)
    /// -1.0.</summary>
    public static double IndustryShift(string division)
    {
        ArgumentNullException.ThrowIfNull(division);
        int d = int.Parse(division, NumberStyles.None, CultureInfo.InvariantCulture);
        return d switch
        {
            >= 10 and <= 33 => 1.2,
            46 => 0.8,
            >= 5 and <= 9 => 0.5,
            >= 58 and <= 63 or 72 => 0.5,
            >= 49 and <= 52 => 0.3,
            >= 1 and <= 3 => 0.2,
            45 => -0.3,
            _ => -1.0,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when one is out of range.</summary>
    public void Validate()
    {
        Check(ExporterLogit, nameof(ExporterLogit), -20, 20);
        Check(ExporterSizeSlope, nameof(ExporterSizeSlope), -5, 5);
        Check(StartOffset, nameof(StartOffset), -20, 20);
        Check(StopBase, nameof(StopBase), 0, 1);
        Check(StopSmall, nameof(StopSmall), 0, 1);
        Check(StopBase + StopSmall, nameof(StopSmall) + " + " + nameof(StopBase), 0, 1);
        Check(MaxShare, nameof(MaxShare), 0, 1);
        Check(ShareLogit, nameof(ShareLogit), -20, 20);
        Check(SdShareFirm, nameof(SdShareFirm), 0, 5);
        Check(SharePersistence, nameof(SharePersistence), -0.99, 0.99);
        Check(SdShareShock, nameof(SdShareShock), 0, 5);
        Check(SdTransitoryShare, nameof(SdTransitoryShare), 0, 5);
        Check(SelectionExporter, nameof(SelectionExporter), -10, 10);
    }

    internal static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static void Check(double value, string name, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Export.{name} must be between {min} and {max} (got {value})."), name);
        }
    }
}
