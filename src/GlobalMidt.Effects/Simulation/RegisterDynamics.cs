using System.Globalization;

namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// The shocks of <see cref="RegisterSimulator"/>'s firm paths and the pre-period terms of the participants'
/// selection (issue 12). <see cref="Classic"/> (the default of <see cref="SimulationOptions.Dynamics"/>) is the model
/// of <c>data-samples/README.md</c>, which wrote the shipped sample: persistent AR(1) shocks only, selection on the
/// baseline level and the growth since the history start. <see cref="Realistic"/> adds what registers show:
/// transitory (one-period) shocks to FTEs and turnover that revert, and selection on the last period's growth
/// (participants are recruited after a good half-year, the mirror image of Ashenfelter's dip), so a single
/// baseline period carries a shock that the participants' controls copy only in part. The model is described in
/// <c>docs/accuracy.md</c>.
/// </summary>
/// <remarks>
/// Log FTE x_t (latent) follows <c>g_t = δ_i + FteGrowthPersistence (g_{t−1} − δ_i) + SdFteGrowthShock z_t</c>,
/// <c>x_t = x_{t−1} + g_t + M_t</c> (persistent: a shock moves all later levels). The written FTE is
/// <c>max(e^{x_t + ε_t} − 1, 0)</c> with the transitory <c>ε_t ~ N(0, SdTransitoryFte²)</c>, independent over
/// periods. Turnover is <c>π_d e^{ρ_i + v_t + η_t} (FTE_t + 0.4) 1.02^t</c> with the persistent AR(1)
/// <c>v_t = TurnoverNoisePersistence v_{t−1} + SdTurnoverNoiseShock z_t</c> and the transitory
/// <c>η_t ~ N(0, SdTransitoryTurnover²)</c>. The transitory draws come from a stream of their own, so with both
/// at 0 the register is the classic one byte for byte. Selection adds
/// <c>SelectionRecentFteGrowth · clamp(log(1+FTE_b) − log(1+FTE_{b−1}), ±1.5)</c> and the same with turnover
/// (<c>SelectionRecentTurnoverGrowth</c>) to the log propensity, for firms present at b−1.
/// </remarks>
public sealed record RegisterDynamics
{
    /// <summary>The classic model (data-samples/README.md): no transitory shocks, no selection on the last period.</summary>
    public static RegisterDynamics Classic { get; } = new();

    /// <summary>
    /// Transitory shocks of 0.10 (log FTE) and 0.15 (log turnover) per period and selection on the last period's
    /// growth (coefficients 1.5 for FTE and 1.0 for turnover): in the realistic range of firm registers, where the
    /// year-to-year log changes of FTE have an SD of about 0.2-0.3 and of turnover 0.3-0.4, a good part of it
    /// transitory, and where programmes recruit firms on recent momentum. The accuracy study's default.
    /// </summary>
    public static RegisterDynamics Realistic { get; } = new()
    {
        SdTransitoryFte = 0.10,
        SdTransitoryTurnover = 0.15,
        SelectionRecentFteGrowth = 1.5,
        SelectionRecentTurnoverGrowth = 1.0,
    };

    /// <summary>AR(1) coefficient of the growth of log FTE around the firm's drift. Default 0.4.</summary>
    public double FteGrowthPersistence { get; init; } = RegisterSimulator.GrowthPersistence;

    /// <summary>SD of the persistent growth shock of log FTE per period. Default 0.12.</summary>
    public double SdFteGrowthShock { get; init; } = RegisterSimulator.SdGrowthShock;

    /// <summary>AR(1) coefficient of the persistent turnover noise v_t. Default 0.6.</summary>
    public double TurnoverNoisePersistence { get; init; } = RegisterSimulator.NoisePersistence;

    /// <summary>SD of the shock of the persistent turnover noise per period. Default 0.12.</summary>
    public double SdTurnoverNoiseShock { get; init; } = RegisterSimulator.SdNoiseShock;

    /// <summary>SD of the transitory shock to log FTE (one period only, then gone). Default 0.</summary>
    public double SdTransitoryFte { get; init; }

    /// <summary>SD of the transitory shock to log turnover (one period only). Default 0.</summary>
    public double SdTransitoryTurnover { get; init; }

    /// <summary>Coefficient of the last period's log FTE growth (b−1 to b) in the log propensity. Default 0.</summary>
    public double SelectionRecentFteGrowth { get; init; }

    /// <summary>Coefficient of the last period's log turnover growth (b−1 to b) in the log propensity. Default 0.</summary>
    public double SelectionRecentTurnoverGrowth { get; init; }

    /// <summary>True when some transitory shock is drawn.</summary>
    internal bool HasTransitoryShocks => SdTransitoryFte > 0 || SdTransitoryTurnover > 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when one is out of range.</summary>
    public void Validate()
    {
        Check(FteGrowthPersistence, nameof(FteGrowthPersistence), -0.99, 0.99);
        Check(TurnoverNoisePersistence, nameof(TurnoverNoisePersistence), -0.99, 0.99);
        Check(SdFteGrowthShock, nameof(SdFteGrowthShock), 0, 2);
        Check(SdTurnoverNoiseShock, nameof(SdTurnoverNoiseShock), 0, 2);
        Check(SdTransitoryFte, nameof(SdTransitoryFte), 0, 2);
        Check(SdTransitoryTurnover, nameof(SdTransitoryTurnover), 0, 2);
        Check(SelectionRecentFteGrowth, nameof(SelectionRecentFteGrowth), -10, 10);
        Check(SelectionRecentTurnoverGrowth, nameof(SelectionRecentTurnoverGrowth), -10, 10);
    }

    private static void Check(double value, string name, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Dynamics.{name} must be between {min} and {max} (got {value})."), name);
        }
    }
}
