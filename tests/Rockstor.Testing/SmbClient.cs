using System.Globalization;

namespace Rockstor.Testing;

/// <summary>
/// Debian's smbclient as a real SMB client: against an address and port, as a user with a password or as
/// a guest, run from a network namespace when given (another host of a <see cref="TestNetwork"/>).
/// </summary>
public sealed class SmbClient(string address, int port = 445, string? fromNamespace = null)
{
    /// <summary>Runs smbclient's commands (separated by ';') on the share; exit code and all it printed.</summary>
    public (int ExitCode, string Output) Run(string share, string? user, string? password, string commands) =>
        Smbclient([$"//{address}/{share}"], user, password, ["-c", commands]);

    /// <summary>The shares the server lists to the user (smbclient -L).</summary>
    public string List(string? user, string? password) =>
        Smbclient(["-L", $"//{address}"], user, password, []).Output;

    /// <summary>smbclient at this address and port, as the user or a guest, from the namespace when given.</summary>
    private (int ExitCode, string Output) Smbclient(string[] target, string? user, string? password, string[] then)
    {
        string[] inNamespace = fromNamespace is null ? [] : ["ip", "netns", "exec", fromNamespace];
        string[] login = user is null ? ["-N"] : ["-U", $"{user}%{password}"];
        string[] arguments = [.. inNamespace, "smbclient", .. target, "-p", port.ToString(CultureInfo.InvariantCulture), .. login, .. then];
        var (exitCode, output, error) = Sandbox.TryRun(arguments[0], arguments[1..]);
        return (exitCode, output + error);
    }
}
