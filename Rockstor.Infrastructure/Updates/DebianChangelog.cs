using System.Text;
using System.Text.RegularExpressions;

namespace Rockstor.Infrastructure.Updates;

/// <summary>Reads a Debian changelog: the entries of the versions newer than the one installed (the file is newest first).</summary>
public static partial class DebianChangelog
{
    public static string Since(string changelog, string installed)
    {
        var text = new StringBuilder();
        foreach (var line in changelog.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (Header().Match(line) is { Success: true } header && header.Groups["version"].Value == installed)
            {
                break;
            }

            text.Append(line).Append('\n');
        }

        return text.ToString().Trim();
    }

    [GeneratedRegex(@"^\S+ \((?<version>[^)]+)\)")]
    private static partial Regex Header();
}
