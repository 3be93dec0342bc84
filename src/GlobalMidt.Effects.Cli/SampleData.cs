namespace GlobalMidt.Effects.Cli;

/// <summary>Finds the shipped <c>data-samples/</c> folder: in the current folder or one of its parents.</summary>
internal static class SampleData
{
    /// <summary>The path of a file in <c>data-samples/</c>, or a usage error saying how to point at data.</summary>
    public static string File(string name, string option)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data-samples", name);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new UsageException($"no {option} given and no data-samples/{name} found in this folder or its parents; give --{option} FILE.");
    }
}
