using System.Globalization;

namespace Rockstor.Testing;

/// <summary>
/// Debian's smbclient as a real SMB client: against an address and port, as a user with a password or as
/// a guest, run from a network namespace when given (another host of a <see cref="TestNetwork"/>).
/// </summary>
public sealed class SmbClient(string address, int port = 445, string? fromNamespace = null)
{
    /// <summary>Runs smbclient's commands (separated by ';') on the share; exit code and all it printed.</summary>
    public (int ExitCode, string Output) Run(string share, string? user, string? password, string commands)
    {
        var arguments = new List<string>();
        if (fromNamespace is not null)
        {
            arguments.AddRange(["ip", "netns", "exec", fromNamespace]);
        }

        arguments.AddRange(["smbclient", $"//{address}/{share}", "-p", port.ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(user is null ? ["-N"] : ["-U", $"{user}%{password}"]);
        arguments.AddRange(["-c", commands]);
        var (exitCode, output, error) = Sandbox.TryRun(arguments[0], [.. arguments.Skip(1)]);
        return (exitCode, output + error);
    }

    /// <summary>The shares the server lists to the user (smbclient -L).</summary>
    public string List(string? user, string? password)
    {
        var arguments = new List<string>();
        if (fromNamespace is not null)
        {
            arguments.AddRange(["ip", "netns", "exec", fromNamespace]);
        }

        arguments.AddRange(["smbclient", "-L", $"//{address}", "-p", port.ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(user is null ? ["-N"] : ["-U", $"{user}%{password}"]);
        var (_, output, error) = Sandbox.TryRun(arguments[0], [.. arguments.Skip(1)]);
        return output + error;
    }
}
