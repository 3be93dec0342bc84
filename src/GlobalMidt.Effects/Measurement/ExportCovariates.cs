using System.Globalization;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The export columns of <see cref="FirmCovariates"/> (computed on first use; docs/effect-chain.md).</summary>
internal sealed partial class FirmCovariates
{
    private Lazy<(double[] LogExport, double[] Exporter)>? _export;

    /// <summary>Throws <see cref="InputDataException"/> when <paramref name="covariates"/> names an export covariate
    /// and the register has no export column.</summary>
    /// <param name="register">The register.</param>
    /// <param name="covariates">The matching covariates.</param>
    /// <param name="source">The register's file name for the error.</param>
    public static void RequireExport(Register register, IReadOnlyList<FirmCovariate> covariates, string source)
    {
        if (register.HasExport)
        {
            return;
        }

        foreach (var c in covariates)
        {
            if (c is FirmCovariate.Export or FirmCovariate.Exporter)
            {
                string name = c == FirmCovariate.Export ? "export" : "exporter";
                throw new InputDataException(new DataError(source, 1, "export", null, null, string.Create(CultureInfo.InvariantCulture,
                    $"missing column 'export': the matching covariate '{name}' (--covariates) needs the firms' export at baseline; give the column or leave '{name}' out of --covariates")));
            }
        }
    }

    private void InitExport(Register register, MeasurementWindow window) =>
        _export = new Lazy<(double[], double[])>(() => ExportColumns(register, window.BaselineIndex));

    /// <summary>Per register firm 1 when it exports at baseline, else 0 (the exporter stratum of
    /// <see cref="MeasurementOptions.ExporterStrata"/>).</summary>
    internal double[] ExporterFlags => _export!.Value.Exporter;

    private double[] ExportColumn(FirmCovariate covariate)
    {
        var (logExport, exporter) = _export!.Value;
        return covariate == FirmCovariate.Export ? logExport : exporter;
    }

    /// <summary>log(1 + export) and the exporter flag at baseline; 0 where the firm's export is missing there (an
    /// eligible firm is present at baseline, so this only touches firms that are never matched).</summary>
    private static (double[] LogExport, double[] Exporter) ExportColumns(Register register, int baseline)
    {
        int n = register.FirmCount;
        var logExport = new double[n];
        var exporter = new double[n];
        for (int f = 0; f < n; f++)
        {
            double e = register.Export(f, baseline);
            if (!double.IsNaN(e))
            {
                logExport[f] = Math.Log(1.0 + e);
                exporter[f] = e > 0 ? 1.0 : 0.0;
            }
        }

        return (logExport, exporter);
    }
}
