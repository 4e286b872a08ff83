using System.Globalization;

namespace Rockstor.Testing;

/// <summary>
/// Debian's OpenSSH client as a real SFTP client: sftp in batch mode (a command a line, stopping at the
/// first that fails) and ssh, against an address and port, logging in with a key file or, through
/// sshpass, a password; run from a network namespace when given (another host of a <see cref="TestNetwork"/>).
/// The server's host key is taken without asking, as a first connection would after a look at it.
/// </summary>
public sealed class SftpClient(string address, int port, string? fromNamespace = null)
{
    private static readonly string[] Common =
    [
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
    ];

    /// <summary>Runs the sftp commands (one a line) as the user, logging in with the private key file only.</summary>
    public (int ExitCode, string Output) WithKey(string user, string keyFile, string commands) =>
        Sftp(["-o", "BatchMode=yes", "-o", "PasswordAuthentication=no", "-o", "IdentitiesOnly=yes", "-i", keyFile], user, commands);

    /// <summary>Runs the sftp commands (one a line) as the user, logging in with the password only (typed by sshpass).</summary>
    public (int ExitCode, string Output) WithPassword(string user, string password, string commands) =>
        Sftp(
            ["-o", "BatchMode=no", "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1"],
            user,
            commands,
            ["sshpass", "-p", password]);

    /// <summary>ssh to the server as the user with the key, with more options, and the remote command when given.</summary>
    public (int ExitCode, string Output) Ssh(string user, string keyFile, IReadOnlyList<string> options, IReadOnlyList<string> remoteCommand) =>
        Run([
            "timeout", "30", "ssh", "-p", port.ToString(CultureInfo.InvariantCulture), .. Common,
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", keyFile, .. options, $"{user}@{address}", .. remoteCommand]);

    private (int ExitCode, string Output) Sftp(string[] login, string user, string commands, string[]? before = null)
    {
        var batch = Path.GetTempFileName();
        try
        {
            File.WriteAllText(batch, commands + "\n");
            return Run([
                "timeout", "60", .. before ?? [], "sftp", .. login, "-P", port.ToString(CultureInfo.InvariantCulture), .. Common, "-b", batch, $"{user}@{address}"]);
        }
        finally
        {
            File.Delete(batch);
        }
    }

    private (int ExitCode, string Output) Run(string[] command)
    {
        string[] arguments = [.. fromNamespace is null ? [] : new[] { "ip", "netns", "exec", fromNamespace }, .. command];
        var (exitCode, output, error) = Sandbox.TryRun(arguments[0], arguments[1..]);
        return (exitCode, output + error);
    }
}
