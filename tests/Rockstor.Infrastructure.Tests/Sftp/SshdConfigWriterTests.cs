using Rockstor.Domain.Common;
using Rockstor.Infrastructure.Sftp;

namespace Rockstor.Infrastructure.Tests.Sftp;

public sealed class SshdConfigWriterTests
{
    private static readonly SftpLayout Layout = new("/var/lib/rockstor");

    [Fact]
    public void The_configuration_forces_sftp_in_each_user_s_locked_folder_and_turns_every_forwarding_off()
    {
        var lines = Lines(SshdConfigWriter.Write(Layout, 2222, ["bob", "alice"]));

        Assert.Contains("Port 2222", lines);
        Assert.Contains("HostKey /var/lib/rockstor/sftp/ssh_host_ed25519_key", lines);
        Assert.Contains("PidFile /var/lib/rockstor/sftp/sshd.pid", lines);
        Assert.Contains("ForceCommand internal-sftp -d / -u 0022", lines);
        Assert.Contains("Subsystem sftp internal-sftp -d / -u 0022", lines);
        Assert.Contains("ChrootDirectory /var/lib/rockstor/sftp/chroot/%u", lines);
        Assert.Contains("AllowUsers alice bob", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("DenyUsers", StringComparison.Ordinal));
        foreach (var off in new[]
                 {
                     "DisableForwarding yes", "AllowTcpForwarding no", "AllowStreamLocalForwarding no", "AllowAgentForwarding no",
                     "X11Forwarding no", "PermitTunnel no", "PermitTTY no", "PermitOpen none", "PermitListen none", "GatewayPorts no",
                     "PermitRootLogin no", "UsePAM no", "KbdInteractiveAuthentication no", "PermitEmptyPasswords no", "PermitUserRC no",
                 })
        {
            Assert.Contains(off, lines);
        }
    }

    [Fact]
    public void Keys_are_read_from_the_appliance_s_files_as_root_and_never_from_the_users_homes()
    {
        var lines = Lines(SshdConfigWriter.Write(Layout, 22, ["alice"]));

        Assert.Contains("AuthorizedKeysFile none", lines);
        Assert.Contains("AuthorizedKeysCommand /usr/bin/cat /var/lib/rockstor/sftp/keys/%u", lines);
        Assert.Contains("AuthorizedKeysCommandUser root", lines);
        Assert.Contains("PasswordAuthentication yes", lines);
        Assert.Contains("PubkeyAuthentication yes", lines);
    }

    [Fact]
    public void With_no_user_offered_a_share_nobody_may_log_in()
    {
        var lines = Lines(SshdConfigWriter.Write(Layout, 22, []));

        Assert.Contains("DenyUsers *", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("AllowUsers", StringComparison.Ordinal));
    }

    [Fact]
    public void Many_users_are_spread_over_several_allow_lines_and_every_one_is_named()
    {
        var users = Enumerable.Range(1, 45).Select(i => $"user{i:00}").ToList();

        var allowed = Lines(SshdConfigWriter.Write(Layout, 22, users)).Where(l => l.StartsWith("AllowUsers ", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, allowed.Count);
        Assert.Equal(users, allowed.SelectMany(l => l.Split(' ').Skip(1)));
    }

    [Theory]
    [InlineData("/srv/my data")]
    [InlineData("/srv/100%")]
    [InlineData("/srv/\"quoted\"")]
    public void A_data_directory_sshd_could_not_read_as_one_word_is_refused_with_a_sentence(string dataDirectory)
    {
        var refused = Assert.Throws<ValidationException>(() => SshdConfigWriter.Write(new SftpLayout(dataDirectory), 22, ["alice"]));

        Assert.Contains("which sshd's configuration cannot name", refused.Message, StringComparison.Ordinal);
    }

    private static List<string> Lines(string config) => config.Split('\n').Select(l => l.Trim()).ToList();
}
