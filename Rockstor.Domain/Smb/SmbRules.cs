using Rockstor.Domain.Common;

namespace Rockstor.Domain.Smb;

/// <summary>
/// What the Samba settings may hold. The admin's extra global options go into the configuration of a
/// server that runs as root, so options that run programs, move the appliance's own files or ports, or
/// pull in other files are refused here; testparm then checks the rest.
/// </summary>
public static class SmbRules
{
    public const int MaxGlobalOptions = 50;

    private static readonly string[] RunsPrograms = ["command", "script", "exec", "program"];

    /// <summary>Options the appliance sets itself: where Samba keeps its files, how it listens, who it is.</summary>
    private static readonly HashSet<string> Owned = new(StringComparer.Ordinal)
    {
        "include", "config file", "config backend", "passdb backend", "private dir", "private directory", "lock directory",
        "lock dir", "state directory", "cache directory", "pid directory", "ncalrpc dir", "log file", "smb ports",
        "interfaces", "bind interfaces only", "server role", "security", "rpc start on demand helpers", "workgroup",
        "guest account", "map to guest", "username map", "usershare path", "disable netbios", "registry shares",
        "binddns dir", "binddns directory", "lock dir", "statedir", "cachedir", "smb passwd file", "root directory",
    };

    public static string Workgroup(string? workgroup)
    {
        var name = (workgroup ?? "").Trim().ToUpperInvariant();
        var ok = name.Length is >= 1 and <= 15 && char.IsAsciiLetterOrDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        return ok
            ? name
            : throw new ValidationException($"'{Echo.Of(workgroup)}' is not a workgroup name. Use 1 to 15 letters, digits, '-' and '_'.");
    }

    /// <summary>Each line as "name = value" with the name in Samba's lower-case form, or a refusal naming the line.</summary>
    public static IReadOnlyList<string> GlobalOptions(IReadOnlyList<string> lines)
    {
        var options = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith(';')).ToList();
        if (options.Count > MaxGlobalOptions)
        {
            throw new ValidationException($"Give at most {MaxGlobalOptions} global options.");
        }

        return options.Select(Option).ToList();
    }

    private static string Option(string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || line.Any(char.IsControl) || line.Contains('[', StringComparison.Ordinal) || line.Contains(']', StringComparison.Ordinal))
        {
            throw new ValidationException($"'{Echo.Of(line)}' is not a Samba option. Write one option a line, as 'name = value'.");
        }

        var name = string.Join(' ', line[..equals].Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var value = line[(equals + 1)..].Trim();
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or ':' or '_' or '-'))
        {
            throw new ValidationException($"'{Echo.Of(name)}' is not a Samba option name.");
        }

        if (Owned.Contains(name) || Owned.Contains(name.Replace(" ", "", StringComparison.Ordinal)))
        {
            throw new ValidationException($"The option '{name}' is set by the appliance itself and cannot be changed here.");
        }

        if (RunsPrograms.Any(word => name.Contains(word, StringComparison.Ordinal)))
        {
            throw new ValidationException($"The option '{name}' would have Samba run a program as root; the appliance does not allow it.");
        }

        return $"{name} = {value}";
    }
}
