using System.Text;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Samba;

/// <summary>
/// The appliance's own Samba password database (tdbsam under its data directory), changed with
/// smbpasswd and read with pdbedit, both pointed at the appliance's configuration. Passwords reach
/// smbpasswd on its standard input.
/// </summary>
public sealed class SambaPasswordDatabase(CommandRunner runner, SambaLayout layout) : ISambaAccounts
{
    public async Task SetPasswordAsync(string name, string password, CancellationToken ct)
    {
        layout.EnsureConfigFile();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes($"{password}\n{password}\n"));
        await runner.StreamAsync(
            "smbpasswd",
            ["-c", layout.ConfigFile, "-s", "-a", "--", name],
            input,
            output: null,
            $"Could not set the file-sharing password of '{name}'",
            ct).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string name, CancellationToken ct)
    {
        if (!(await ListAsync(ct).ConfigureAwait(false)).Contains(name))
        {
            return;
        }

        await runner.RunAsync("pdbedit", ["-s", layout.ConfigFile, "-x", "-u", name], $"Could not remove the file-sharing account '{name}'", ct)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct)
    {
        layout.EnsureConfigFile();
        var output = await runner.RunAsync("pdbedit", ["-s", layout.ConfigFile, "-L"], "Could not list the file-sharing accounts", ct)
            .ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':')[0])
            .Where(n => n.Length > 0)
            .ToList();
    }
}
