using Rockstor.Domain.Common;

namespace Rockstor.Domain.Smb;

/// <summary>
/// What the Samba settings may hold. The admin's extra global options go into the configuration of a
/// server that runs as root, so only options known to be harmless are taken (an allow list): none that
/// runs a program, loads a module, maps users to root, or moves the appliance's own files or port.
/// Samba ignores case and every space inside an option's name, so names are compared that way.
/// testparm then checks the values.
/// </summary>
public static class SmbRules
{
    public const int MaxGlobalOptions = 50;

    /// <summary>Global options the admin may add, by their normalised name (lower case, no spaces).</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "serverstring", "loglevel", "maxlogsize", "deadtime", "keepalive", "maxconnections", "maxopenfiles",
        "hostsallow", "hostsdeny", "serversigning", "serversmbencrypt", "smbencrypt", "servermaxprotocol",
        "ntlmauth", "lanmanauth", "restrictanonymous", "eapsupport", "storedosattributes", "maparchive",
        "maphidden", "mapsystem", "mapreadonly", "unixextensions", "kerneloplocks", "oplocks", "leveloplocks",
        "strictlocking", "smb2leases", "durablehandles", "servermultichannelsupport", "aioreadsize",
        "aiowritesize", "usesendfile", "strictsync", "syncalways", "allocationroundupsize", "casesensitive",
        "preservecase", "shortpreservecase", "defaultcase", "manglednames", "hidedotfiles", "hidefiles",
        "vetofiles", "deletevetofiles", "createmask", "directorymask", "forcecreatemode", "forcedirectorymode",
        "inheritpermissions", "inheritacls", "inheritowner", "mapaclinherit", "aclallowexecutealways",
        "dosfiletimes", "dosfiletimeresolution", "multicastdnsregister", "mdnsname", "unixcharset",
        "doscharset", "fruit:aapl", "fruit:model", "fruit:metadata", "fruit:resource", "fruit:encoding",
        "fruit:nfsaces", "fruit:posixrename", "fruit:vetoappledouble", "fruit:zerofileid",
        "fruit:deleteemptyadfiles", "fruit:wipeintentionallyleftblankrfork", "timeserver", "readraw", "writeraw",
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

    /// <summary>How Samba itself compares option names: without case and without any whitespace.</summary>
    public static string Normalised(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant().Replace("_", "", StringComparison.Ordinal);

    private static string Option(string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || line.Any(char.IsControl) || line.Contains('[', StringComparison.Ordinal) || line.Contains(']', StringComparison.Ordinal)
            || line.Contains('\\', StringComparison.Ordinal))
        {
            throw new ValidationException($"'{Echo.Of(line)}' is not a Samba option. Write one option a line, as 'name = value'.");
        }

        var name = string.Join(' ', line[..equals].Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var value = line[(equals + 1)..].Trim();
        if (!Allowed.Contains(Normalised(name)))
        {
            throw new ValidationException(
                $"The option '{Echo.Of(name)}' is not one the appliance lets you add: it takes options about naming, logging, security of the protocol, locking, file attributes and macOS clients, and none that runs a program, loads a module or changes the appliance's own settings.");
        }

        return $"{name} = {value}";
    }
}
