using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>The shipped sample (40,000 firms) measured once with the default options and no bootstrap, shared by tests.</summary>
internal static class SampleMeasurement
{
    private static readonly Lazy<(Register Register, MeasurementResult Result)> Run = new(() =>
    {
        var register = RegisterCsv.Load(File("firms.csv.gz"));
        var result = EffectMeasurement.Run(
            register,
            ParticipantsCsv.Load(File("participants.csv")),
            BudgetsCsv.Load(File("budgets.csv")),
            new MeasurementOptions { Method = MeasurementMethod.Dst2016, BootstrapReplicates = 0 });
        return (register, result);
    });

    public static Register Register => Run.Value.Register;

    public static MeasurementResult Result => Run.Value.Result;

    public static string File(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data-samples", name);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }
}
