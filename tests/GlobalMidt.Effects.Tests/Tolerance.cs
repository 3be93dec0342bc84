using System.Globalization;
using Xunit.Sdk;

namespace GlobalMidt.Effects.Tests;

/// <summary>The one numerical tolerance helper of the test suite (relative + absolute).</summary>
public static class Tolerance
{
    /// <summary>
    /// Passes when <c>|expected - actual| &lt;= abs + rel * |expected|</c>; NaN equals NaN and an infinity equals the
    /// same infinity.
    /// </summary>
    public static void AssertClose(double expected, double actual, double rel, double abs, string? what = null)
    {
        if (IsClose(expected, actual, rel, abs))
        {
            return;
        }

        double diff = Math.Abs(expected - actual);
        throw new XunitException(string.Create(
            CultureInfo.InvariantCulture,
            $"{(what is null ? "" : what + ": ")}expected {expected:R}, actual {actual:R}, difference {diff:R} > {abs:R} + {rel:R} * |expected| (relative difference {(expected == 0 ? double.NaN : diff / Math.Abs(expected)):R})."));
    }

    /// <summary>The test of <see cref="AssertClose"/> without the exception.</summary>
    public static bool IsClose(double expected, double actual, double rel, double abs)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }

        return Math.Abs(expected - actual) <= abs + (rel * Math.Abs(expected));
    }
}
