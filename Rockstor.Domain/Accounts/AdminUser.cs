namespace Rockstor.Domain.Accounts;

/// <summary>The appliance's one admin account.</summary>
public sealed class AdminUser
{
    public required string Username { get; init; }

    public required string PasswordHash { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Every cookie and token carries the stamp current when it was issued; a new stamp (logging out,
    /// changing the password) makes all of them void. Empty for an account made before stamps existed.
    /// </summary>
    public string SecurityStamp { get; set; } = "";
}
