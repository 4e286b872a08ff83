using System.Globalization;
using System.Text;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Users;

/// <summary>
/// The machine's users and groups: read from /etc/passwd, /etc/group and /etc/shells, changed with the
/// shadow suite's tools (useradd, usermod, userdel, groupadd, gpasswd, groupdel, chpasswd), each run with
/// its arguments as an array. A password reaches chpasswd on its standard input, never on a command line.
/// </summary>
public sealed class SystemAccountDatabase(CommandRunner runner) : IAccountDatabase
{
    /// <summary>Where an account that may not log in "lives": it does not exist, so nothing is made there.</summary>
    internal const string NoHome = "/nonexistent";

    internal const string NoLogin = "/usr/sbin/nologin";

    private const string Etc = "/etc";

    public IReadOnlyList<SystemUser> Users() => PasswdParser.Parse(File.ReadAllText(Path.Combine(Etc, "passwd")));

    public IReadOnlyList<SystemGroup> Groups() => GroupFileParser.Parse(File.ReadAllText(Path.Combine(Etc, "group")));

    public IReadOnlyList<string> Shells() => File.ReadAllLines(Path.Combine(Etc, "shells"))
        .Select(l => l.Trim())
        .Where(l => l.StartsWith('/') && !l.EndsWith("nologin", StringComparison.Ordinal) && l != "/bin/false")
        .Distinct(StringComparer.Ordinal)
        .ToList();

    public async Task CreateUserAsync(NewSystemUser user, CancellationToken ct)
    {
        var arguments = new List<string>();
        if (user.Shell is { } shell)
        {
            arguments.AddRange(["--create-home", "--home-dir", HomeOf(user.Name), "--shell", shell]);
        }
        else
        {
            arguments.AddRange(["--no-create-home", "--home-dir", NoHome, "--shell", NoLogin]);
        }

        arguments.AddRange(["--uid", user.Uid.ToString(CultureInfo.InvariantCulture), "--no-user-group", "--gid", user.PrimaryGroup]);
        if (user.FullName is { } fullName)
        {
            arguments.AddRange(["--comment", fullName]);
        }

        arguments.AddRange(["--", user.Name]);
        await runner.RunAsync("useradd", arguments, $"Could not create the user '{user.Name}'", ct).ConfigureAwait(false);
    }

    public async Task ChangeUserAsync(string name, string? fullName, string? primaryGroup, string? shell, CancellationToken ct)
    {
        var arguments = new List<string>();
        if (fullName is not null)
        {
            arguments.AddRange(["--comment", fullName]);
        }

        if (primaryGroup is not null)
        {
            arguments.AddRange(["--gid", primaryGroup]);
        }

        var makeHome = false;
        if (shell is not null)
        {
            arguments.AddRange(["--shell", shell.Length == 0 ? NoLogin : shell]);
            var current = Users().FirstOrDefault(u => u.Name == name);
            if (shell.Length > 0 && current?.Home == NoHome)
            {
                arguments.AddRange(["--home", HomeOf(name)]);
                makeHome = !Directory.Exists(HomeOf(name));
            }
        }

        arguments.AddRange(["--", name]);
        await runner.RunAsync("usermod", arguments, $"Could not change the user '{name}'", ct).ConfigureAwait(false);
        if (makeHome)
        {
            var user = Users().First(u => u.Name == name);
            await runner.RunAsync(
                "install",
                ["-d", "-m", "0700", "-o", user.Uid.ToString(CultureInfo.InvariantCulture), "-g", user.Gid.ToString(CultureInfo.InvariantCulture), "--", HomeOf(name)],
                $"Could not make the home folder of '{name}'",
                ct).ConfigureAwait(false);
        }
    }

    public Task DeleteUserAsync(string name, bool removeHome, CancellationToken ct) =>
        runner.RunAsync("userdel", removeHome ? ["--remove", "--", name] : ["--", name], $"Could not delete the user '{name}'", ct);

    public async Task SetPasswordAsync(string name, string password, CancellationToken ct)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes($"{name}:{password}\n"));
        await runner.StreamAsync("chpasswd", [], input, output: null, $"Could not set the password of '{name}'", ct).ConfigureAwait(false);
    }

    public Task CreateGroupAsync(string name, int gid, CancellationToken ct) =>
        runner.RunAsync("groupadd", ["--gid", gid.ToString(CultureInfo.InvariantCulture), "--", name], $"Could not create the group '{name}'", ct);

    public Task SetMembersAsync(string group, IReadOnlyList<string> members, CancellationToken ct) =>
        runner.RunAsync("gpasswd", ["--members", string.Join(',', members), "--", group], $"Could not set the members of '{group}'", ct);

    public Task DeleteGroupAsync(string name, CancellationToken ct) =>
        runner.RunAsync("groupdel", ["--", name], $"Could not delete the group '{name}'", ct);

    private static string HomeOf(string name) => Path.Combine("/home", name);
}
