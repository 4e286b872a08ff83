using Rockstor.Domain.Common;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Samba's password database in memory: name to password. Can be told to fail the next set.</summary>
public sealed class FakeSambaAccounts : ISambaAccounts
{
    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);

    public bool FailNextSet { get; set; }

    public Task SetPasswordAsync(string name, string password, CancellationToken ct)
    {
        if (FailNextSet)
        {
            FailNextSet = false;
            throw new StorageCommandException("smbpasswd failed", "smbpasswd", "told to fail");
        }

        Passwords[name] = password;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string name, CancellationToken ct)
    {
        Passwords.Remove(name);
        return Task.CompletedTask;
    }
}
