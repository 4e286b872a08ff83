namespace Rockstor.Domain.Users;

/// <summary>
/// Samba's password database of this appliance: file access over SMB needs its own hash of the password,
/// which the system's shadow file cannot give. Kept in step with the accounts the appliance manages.
/// </summary>
public interface ISambaAccounts
{
    /// <summary>Adds the account, or changes its password when it is there.</summary>
    Task SetPasswordAsync(string name, string password, CancellationToken ct);

    /// <summary>Removes the account; nothing happens when it is not there.</summary>
    Task RemoveAsync(string name, CancellationToken ct);
}
