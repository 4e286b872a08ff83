namespace Rockstor.Domain.Users;

/// <summary>
/// An account of the machine that this appliance created and therefore manages (the store's record of
/// it). The machine's own files stay the truth for everything the system keeps; this record adds what
/// the system does not know: that the appliance made it, and the user's SSH public key.
/// </summary>
public sealed record LocalUser
{
    public required string Name { get; init; }

    public required int Uid { get; init; }

    /// <summary>The primary group; <see cref="OwnGroup"/> when it was made for this user and goes with it.</summary>
    public required string PrimaryGroup { get; init; }

    public bool OwnGroup { get; init; }

    public string? FullName { get; init; }

    /// <summary>The login shell; null when the account may not log in (the default).</summary>
    public string? Shell { get; init; }

    /// <summary>One OpenSSH public key line, for SFTP.</summary>
    public string? PublicKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
