using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GlobalMidt.Effects.Reporting;

/// <summary>
/// Writes a report to stdout or, atomically, to a file: a temporary file <c>.NAME.PID.tmp</c> in the same
/// folder, then a move into place. Every problem with the output path is an <see cref="OutputPathException"/>
/// (exit code 5) naming the path given, never the temporary file; the temporary file is removed on every failure
/// the process survives, and temporary files of the same output name left by a killed run (their process no
/// longer alive) are removed by the next run.
/// </summary>
internal static class OutputFile
{
    /// <summary>The path that means standard output.</summary>
    public const string Dash = "-";

    /// <summary>The longest file name (in UTF-8 bytes) most file systems accept.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Bytes of the output name kept in the temporary file's name, so that <c>.NAME.PID.tmp</c> fits in
    /// <see cref="MaxNameBytes"/> (the PID has at most 10 digits).</summary>
    private const int TempNameBytes = MaxNameBytes - 32;

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> (UTF-8, no BOM) or to <paramref name="stdout"/> when the path is null or <c>-</c>.</summary>
    public static void Write(string? path, string text, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, w => w.Write(text), stdout);
    }

    /// <summary>Writes through <paramref name="write"/> to <paramref name="path"/> (UTF-8, no BOM, atomically) or to
    /// <paramref name="stdout"/> when the path is null or <c>-</c>.</summary>
    public static void Write(string? path, Action<TextWriter> write, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(stdout);
        if (path is null || path == Dash)
        {
            write(stdout);
            return;
        }

        Write(path, "--out", temp =>
        {
            using var w = new StreamWriter(temp, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
            write(w);
        });
    }

    /// <summary>Writes a file through <paramref name="write"/>, which gets the temporary path to create; the result
    /// is moved to <paramref name="path"/> when <paramref name="write"/> returns.</summary>
    /// <param name="path">The output file.</param>
    /// <param name="option">The option that named it, for messages (<c>--out</c>, <c>--plot</c>).</param>
    /// <param name="write">Creates the file at the path it is given.</param>
    /// <exception cref="OutputPathException">The file cannot be written.</exception>
    public static void Write(string path, string option, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Check(path, option)!;
        string temp = TempPath(full);
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputPathException($"cannot write '{path}': {Reason(e, temp, full)}.");
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Checks that <paramref name="path"/> can be written, before any work is done: not empty, not a folder,
    /// a name of at most 255 bytes, an existing and writable folder (probed by creating and removing the temporary
    /// file). Also removes stale temporary files of the same name. Returns the full path (<c>-</c>, standard output,
    /// as it is; null, no output asked for, as null).</summary>
    /// <exception cref="OptionsException">The path is empty.</exception>
    /// <exception cref="OutputPathException">The path cannot be written.</exception>
    public static string? Check(string? path, string option = "--out")
    {
        if (path is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OptionsException($"option {option} needs a file name (got an empty value).", option);
        }

        if (path == Dash)
        {
            return path;
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputPathException($"cannot write '{path}': not a valid path.");
        }

        string name = Path.GetFileName(full);
        if (name.Length == 0 || Directory.Exists(full))
        {
            throw new OutputPathException($"cannot write '{path}': it is a folder; {option} needs a file name (e.g. {option} result.txt).");
        }

        int bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNameBytes)
        {
            throw new OutputPathException(string.Create(
                CultureInfo.InvariantCulture,
                $"cannot write '{Shorten(path)}': the file name is too long ({bytes} bytes; at most {MaxNameBytes})."));
        }

        string? dir = Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir))
        {
            throw new OutputPathException($"cannot write '{Shorten(path)}': the folder '{Shorten(dir ?? path)}' does not exist.");
        }

        RemoveStaleTempFiles(full);
        string temp = TempPath(full);
        try
        {
            using (new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new OutputPathException($"cannot write '{path}': {Reason(e, temp, full)}.");
        }

        return full;
    }

    /// <summary>Checks that a folder for output files (<c>--plot DIR</c>, <c>generate --out DIR</c>) can be used:
    /// not empty, not an existing file, a name of at most 255 bytes; when <paramref name="create"/>, it is created.
    /// Null (no folder asked for) is returned as it is.</summary>
    /// <exception cref="OptionsException">The path is empty.</exception>
    /// <exception cref="OutputPathException">The folder cannot be used.</exception>
    public static string? CheckFolder(string? path, string option, bool create)
    {
        if (path is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OptionsException($"option {option} needs a folder (got an empty value).", option);
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputPathException($"cannot write into '{path}': not a valid path.");
        }

        if (File.Exists(full))
        {
            throw new OutputPathException($"cannot write into '{path}': it is a file; {option} needs a folder.");
        }

        foreach (string part in full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            int bytes = Encoding.UTF8.GetByteCount(part);
            if (bytes > MaxNameBytes)
            {
                throw new OutputPathException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"cannot write into '{Shorten(path)}': a folder name is too long ({bytes} bytes; at most {MaxNameBytes})."));
            }
        }

        if (!Directory.Exists(full))
        {
            if (!create)
            {
                throw new OutputPathException($"cannot write into '{Shorten(path)}': the folder does not exist.");
            }

            try
            {
                Directory.CreateDirectory(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputPathException($"cannot create the folder '{Shorten(path)}': {Reason(e, full, full)}.");
            }
        }

        return full;
    }

    /// <summary>Runs <paramref name="write"/>, which writes into <paramref name="folder"/>, turning a failure to write
    /// into an <see cref="OutputPathException"/>.</summary>
    public static T IntoFolder<T>(string folder, Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputPathException($"cannot write into '{Shorten(folder)}': {Reason(e, folder, folder)}.");
        }
    }

    /// <summary>The temporary file of an output: <c>.NAME.PID.tmp</c> beside it (the name cut so the whole fits in
    /// 255 bytes; <c>.NAME.PID.tmp.png</c> for images, whose writer chooses the format by the extension).</summary>
    internal static string TempPath(string full) =>
        TempPrefix(full) + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp" + KeptExtension(full);

    /// <summary>The extension a temporary file keeps: only the image formats, whose writer chooses by it.</summary>
    private static string KeptExtension(string full)
    {
        string ext = Path.GetExtension(full);
        return ext.Equals(".png", StringComparison.OrdinalIgnoreCase) || ext.Equals(".svg", StringComparison.OrdinalIgnoreCase)
            ? ext
            : string.Empty;
    }

    private static string TempPrefix(string full)
    {
        string name = Path.GetFileName(full);
        if (Encoding.UTF8.GetByteCount(name) > TempNameBytes)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            int cut = TempNameBytes;
            while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
            {
                cut--;
            }

            name = Encoding.UTF8.GetString(bytes, 0, cut);
        }

        return Path.Combine(Path.GetDirectoryName(full)!, "." + name + ".");
    }

    /// <summary>Removes <c>.NAME.PID.tmp</c> files of this output whose process is no longer running (left by a run
    /// that was killed while writing).</summary>
    internal static void RemoveStaleTempFiles(string full)
    {
        string prefix = TempPrefix(full);
        string dir = Path.GetDirectoryName(prefix)!;
        string namePrefix = Path.GetFileName(prefix);
        string suffix = ".tmp" + KeptExtension(full);
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(dir, namePrefix + "*" + suffix).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string file in candidates)
        {
            string name = Path.GetFileName(file);
            if (name.Length <= namePrefix.Length + suffix.Length)
            {
                continue;
            }

            string pidText = name[namePrefix.Length..^suffix.Length];
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                || pid == Environment.ProcessId || IsAlive(pid))
            {
                continue;
            }

            TryDelete(file);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the file is in the output's folder and named as ours; nothing else to do.
        }
    }

    /// <summary>Why a write failed, in words that name the output, not the temporary file.</summary>
    private static string Reason(Exception e, string temp, string full) => e switch
    {
        UnauthorizedAccessException => "permission denied (the folder is not writable)",
        PathTooLongException => "the path is too long",
        DirectoryNotFoundException => "the folder does not exist",
        FileNotFoundException => "the folder does not take new files",
        _ => WithoutPath(e.Message.Replace(temp, full, StringComparison.Ordinal)),
    };

    /// <summary>An IO message without the " : '/the/path'" .NET appends (the error already names the path).</summary>
    private static string WithoutPath(string message)
    {
        int cut = message.IndexOf(" : '", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    /// <summary>A path cut for messages (a 300-byte name is not repeated in full).</summary>
    private static string Shorten(string path) => path.Length <= 120 ? path : path[..60] + "..." + path[^40..];
}
