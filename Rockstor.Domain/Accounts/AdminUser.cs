namespace Rockstor.Domain.Accounts;

/// <summary>The appliance's one admin account.</summary>
public sealed class AdminUser
{
    public required string Username { get; init; }

    public required string PasswordHash { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
}
