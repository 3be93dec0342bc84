using System.Text;

namespace GlobalMidt.Effects.Cli;

/// <summary>Writes command output to stdout or, atomically, to a file (temp file in the same folder, then a move).</summary>
public static class OutputFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> (UTF-8, no BOM) or to <paramref name="stdout"/> when the path is null or <c>-</c>.</summary>
    public static void Write(string? path, string text, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(stdout);
        if (path is null || path == CliInput.Dash)
        {
            stdout.Write(text);
            return;
        }

        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir))
        {
            throw new UsageException($"cannot write '{path}': the folder '{dir}' does not exist.");
        }

        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
