using System.Globalization;
using System.Text;
using Rockstor.Domain.Common;

namespace Rockstor.Infrastructure.Sftp;

/// <summary>
/// Writes the whole sshd_config of the appliance's SSH server: SFTP only (sshd's own internal-sftp,
/// forced whatever the client asks), each user locked into their folder of shares, no shell, terminal or
/// forwarding of any kind, passwords checked against the machine's accounts without PAM, and keys read
/// from the appliance's own files. Only the users named may log in; with none, nobody may.
/// </summary>
public static class SshdConfigWriter
{
    /// <summary>The umask of uploads (files 0644, folders 0755); the share's own owner and mode decide who writes.</summary>
    public const string Umask = "0022";

    private const int UsersPerLine = 20;

    public static string Write(SftpLayout layout, int port, IReadOnlyCollection<string> users)
    {
        foreach (var path in new[] { layout.HostKey, layout.PidFile, layout.KeysDirectory, layout.ChrootRoot })
        {
            RequirePlain(path);
        }

        var conf = new StringBuilder();
        conf.AppendLine("# Written by Rockstor: changes made here are replaced. Change SFTP from the web-ui.");
        conf.AppendLine(CultureInfo.InvariantCulture, $"Port {port}");
        conf.AppendLine(CultureInfo.InvariantCulture, $"HostKey {layout.HostKey}");
        conf.AppendLine(CultureInfo.InvariantCulture, $"PidFile {layout.PidFile}");
        conf.AppendLine("LogLevel INFO");
        conf.AppendLine("UseDNS no");
        conf.AppendLine("LoginGraceTime 30");
        conf.AppendLine("PrintMotd no");
        conf.AppendLine("PrintLastLog no");

        conf.AppendLine("# Who may log in, and how: a password of the machine's account, or the key from the Users screen.");
        conf.AppendLine("UsePAM no");
        conf.AppendLine("PermitRootLogin no");
        conf.AppendLine("PermitEmptyPasswords no");
        conf.AppendLine("PasswordAuthentication yes");
        conf.AppendLine("KbdInteractiveAuthentication no");
        conf.AppendLine("HostbasedAuthentication no");
        conf.AppendLine("IgnoreRhosts yes");
        conf.AppendLine("PubkeyAuthentication yes");
        conf.AppendLine("AuthorizedKeysFile none");

        // sshd opens an AuthorizedKeysFile as the user, who cannot pass the data directory (root's, 0700);
        // the command reads the appliance's file as root instead. %u is a user sshd already let in (AllowUsers).
        conf.AppendLine(CultureInfo.InvariantCulture, $"AuthorizedKeysCommand /usr/bin/cat {layout.KeysDirectory}/%u");
        conf.AppendLine("AuthorizedKeysCommandUser root");
        if (users.Count == 0)
        {
            conf.AppendLine("DenyUsers *");
        }

        foreach (var line in users.Order(StringComparer.Ordinal).Chunk(UsersPerLine))
        {
            conf.AppendLine(CultureInfo.InvariantCulture, $"AllowUsers {string.Join(' ', line)}");
        }

        conf.AppendLine("# SFTP only, locked into the user's folder of shares.");
        conf.AppendLine(CultureInfo.InvariantCulture, $"ChrootDirectory {layout.ChrootRoot}/%u");
        conf.AppendLine(CultureInfo.InvariantCulture, $"ForceCommand internal-sftp -d / -u {Umask}");
        conf.AppendLine(CultureInfo.InvariantCulture, $"Subsystem sftp internal-sftp -d / -u {Umask}");
        conf.AppendLine("PermitTTY no");
        conf.AppendLine("PermitUserEnvironment no");
        conf.AppendLine("PermitUserRC no");

        conf.AppendLine("# No forwarding of any kind.");
        conf.AppendLine("DisableForwarding yes");
        conf.AppendLine("AllowTcpForwarding no");
        conf.AppendLine("AllowStreamLocalForwarding no");
        conf.AppendLine("AllowAgentForwarding no");
        conf.AppendLine("X11Forwarding no");
        conf.AppendLine("PermitTunnel no");
        conf.AppendLine("GatewayPorts no");
        conf.AppendLine("PermitOpen none");
        conf.AppendLine("PermitListen none");
        return conf.ToString();
    }

    /// <summary>
    /// A path sshd reads as one word, without the '%' of its tokens: the data directory's path is the
    /// admin's, so one that would need quoting is refused with a sentence rather than quoted.
    /// </summary>
    private static void RequirePlain(string path)
    {
        if (!path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+'))
        {
            throw new ValidationException(
                $"The SFTP server's files would be at {path}, which sshd's configuration cannot name: keep the appliance's data directory to letters, digits, '/', '.', '_', '-' and '+'.");
        }
    }
}
