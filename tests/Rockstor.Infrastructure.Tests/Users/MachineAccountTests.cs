using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Samba;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Users;

/// <summary>Users and groups made for real on this machine (useradd and friends) and in a real Samba password database.</summary>
public sealed class MachineAccountTests : IDisposable
{
    private readonly TestAccounts _accounts = new();
    private readonly StorageHost _host = new();
    private readonly CancellationToken _ct;

    public MachineAccountTests() => _ct = _host.Lifetime;

    private UserService Users => _host.Get<UserService>();

    private GroupService Groups => _host.Get<GroupService>();

    public void Dispose()
    {
        _host.Dispose();
        _accounts.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_user_is_a_real_account_with_a_hashed_password_and_a_samba_entry_and_deleting_removes_all_of_it()
    {
        var name = _accounts.Name();

        var user = await Users.CreateAsync(new UserRequest(name, "correct-horse-1", FullName: "Test Person"), _ct);

        var passwd = Sandbox.Run("getent", "passwd", name).Trim().Split(':');
        Assert.Equal(user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), passwd[2]);
        Assert.Equal("Test Person", passwd[4]);
        Assert.Equal("/usr/sbin/nologin", passwd[6]);
        Assert.True(TestAccounts.GroupExists(name));
        var shadow = Sandbox.Run("getent", "shadow", name).Split(':')[1];
        Assert.StartsWith("$", shadow, StringComparison.Ordinal); // a hash, not the password
        Assert.DoesNotContain("correct-horse-1", File.ReadAllText("/etc/shadow"), StringComparison.Ordinal);
        var samba = _host.Get<SambaLayout>();
        Assert.Contains(name + ":", Sandbox.Run("pdbedit", "-s", samba.ConfigFile, "-L"), StringComparison.Ordinal);

        await Users.DeleteAsync(name, null, _ct);

        Assert.False(TestAccounts.UserExists(name));
        Assert.False(TestAccounts.GroupExists(name));
        Assert.DoesNotContain(name + ":", Sandbox.Run("pdbedit", "-s", samba.ConfigFile, "-L"), StringComparison.Ordinal);
        Assert.DoesNotContain(Users.List(), u => u.Name == name);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_samba_password_changes_with_the_user_s_password()
    {
        var name = _accounts.Name();
        await Users.CreateAsync(new UserRequest(name, "first-password"), _ct);
        var samba = _host.Get<SambaLayout>();
        var before = NtHash(samba, name);

        await Users.ChangeAsync(name, new UserChange(Password: "second-password"), _ct);

        Assert.Matches("^[0-9A-F]{32}$", before);
        Assert.NotEqual(before, NtHash(samba, name));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_login_shell_gives_a_home_folder_and_taking_it_away_stops_login()
    {
        var name = _accounts.Name();

        await Users.CreateAsync(new UserRequest(name, "correct-horse-1", Shell: "/bin/bash"), _ct);
        Assert.Equal("/bin/bash", Sandbox.Run("getent", "passwd", name).Trim().Split(':')[6]);
        Assert.True(Directory.Exists($"/home/{name}"));

        await Users.ChangeAsync(name, new UserChange(Shell: ""), _ct);
        Assert.Equal("/usr/sbin/nologin", Sandbox.Run("getent", "passwd", name).Trim().Split(':')[6]);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_refused_user_leaves_nothing_on_the_machine()
    {
        var name = _accounts.Name();
        var taken = await Users.CreateAsync(new UserRequest(_accounts.Name(), "correct-horse-1"), _ct);

        await Assert.ThrowsAsync<ConflictException>(() => Users.CreateAsync(new UserRequest(name, "correct-horse-1", Uid: taken.Uid), _ct));
        await Assert.ThrowsAsync<ValidationException>(() => Users.CreateAsync(new UserRequest(name, "short"), _ct));
        await Assert.ThrowsAsync<ValidationException>(() => Users.CreateAsync(new UserRequest(name, "correct-horse-1", PrimaryGroup: "root"), _ct));

        Assert.False(TestAccounts.UserExists(name));
        Assert.False(TestAccounts.GroupExists(name));
        Assert.DoesNotContain(name + ":", Sandbox.Run("pdbedit", "-s", _host.Get<SambaLayout>().ConfigFile, "-L"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_group_s_members_are_the_machine_s_and_can_be_set_to_none()
    {
        var alice = _accounts.Name();
        var bob = _accounts.Name();
        var team = _accounts.Name('g');
        await Users.CreateAsync(new UserRequest(alice, "correct-horse-1"), _ct);
        await Users.CreateAsync(new UserRequest(bob, "correct-horse-1"), _ct);

        await Groups.CreateAsync(new GroupRequest(team, Members: [alice, bob]), _ct);
        Assert.EndsWith($":{alice},{bob}", Sandbox.Run("getent", "group", team).Trim(), StringComparison.Ordinal);

        await Groups.SetMembersAsync(team, [], _ct);
        Assert.EndsWith(":", Sandbox.Run("getent", "group", team).Trim(), StringComparison.Ordinal);

        await Groups.DeleteAsync(team, _ct);
        Assert.False(TestAccounts.GroupExists(team));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_share_s_owner_and_mode_are_on_its_folder_and_its_limit_stops_writes_past_it()
    {
        var name = _accounts.Name();
        var user = await Users.CreateAsync(new UserRequest(name, "correct-horse-1"), _ct);
        await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "limited", _ct);

        await _host.Shares.ChangeAsync("limited", new ShareChange(name, "users", "2770", 0.0625, "zstd"), _ct);

        Assert.Equal($"{user.Uid} 100 2770", Sandbox.Run("stat", "-c", "%u %g %a", share.Path).Trim());
        Assert.Equal("compression=zstd", Sandbox.Run("btrfs", "property", "get", share.Path, "compression").Trim());
        var full = Assert.ThrowsAny<IOException>(() =>
        {
            using var file = File.Create(Path.Combine(share.Path, "big"));
            var block = new byte[1 << 20];
            Random.Shared.NextBytes(block);
            for (var i = 0; i < 128; i++)
            {
                file.Write(block);
                file.Flush(flushToDisk: true);
            }
        });
        Assert.Contains("quota", full.Message, StringComparison.OrdinalIgnoreCase);

        await _host.Shares.ChangeAsync("limited", new ShareChange(Owner: "root", Group: "root", Mode: "0755", SizeLimitGiB: 0, Compression: "off"), _ct);
        Assert.Equal("0 0 755", Sandbox.Run("stat", "-c", "%u %g %a", share.Path).Trim());
        Assert.Equal("", Sandbox.Run("btrfs", "property", "get", share.Path, "compression").Trim());
    }

    private static string NtHash(SambaLayout samba, string name) =>
        Sandbox.Run("pdbedit", "-s", samba.ConfigFile, "-L", "-w", "-u", name).Trim().Split(':')[3];

}
