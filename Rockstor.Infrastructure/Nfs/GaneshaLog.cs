namespace Rockstor.Infrastructure.Nfs;

/// <summary>What NFS-Ganesha's log says about a configuration it read (the lines after a start or a reload).</summary>
public static class GaneshaLog
{
    /// <summary>The line Ganesha writes once it has read its exports again after SIGHUP.</summary>
    public const string ReloadDone = "Reread exports complete";

    /// <summary>
    /// The configuration errors among <paramref name="lines"/>: Ganesha reports an export it could not
    /// make, or a block it could not read, at CRIT level in its CONFIG or FSAL components. The part after
    /// the component is kept (the date, host and thread are dropped).
    /// </summary>
    public static IReadOnlyList<string> ConfigurationErrors(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim())
            .Where(l => l.Contains(":CONFIG :CRIT :", StringComparison.Ordinal) || l.Contains(":FSAL :CRIT :", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(":CRIT :", StringComparison.Ordinal) + ":CRIT :".Length)..].Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Why a server that ended at start did so: the last serious lines it logged (FATAL, CRIT or MAJ),
    /// leaving out the ones every start logs on a machine without DBus or Kerberos.
    /// </summary>
    public static string WhyItEnded(IEnumerable<string> lines)
    {
        var serious = lines.Select(l => l.Trim())
            .Where(l => l.Contains(":FATAL :", StringComparison.Ordinal) || l.Contains(":CRIT :", StringComparison.Ordinal) || l.Contains(":MAJ :", StringComparison.Ordinal))
            .Where(l => !l.Contains(":DBUS :", StringComparison.Ordinal) && !l.Contains("principal nfs", StringComparison.Ordinal) && !l.Contains("krb5", StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf(" :", StringComparison.Ordinal) + 2)..].Trim())
            .TakeLast(3)
            .ToList();
        return string.Join(" ", serious);
    }
}
