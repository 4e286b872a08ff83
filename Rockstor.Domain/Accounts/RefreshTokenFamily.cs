namespace Rockstor.Domain.Accounts;

/// <summary>
/// The refresh tokens of one token login: each refresh moves the family to its next generation, so only
/// the newest refresh token works. A used one presented again ends the family (someone has a copy).
/// </summary>
public sealed class RefreshTokenFamily
{
    public required string Id { get; init; }

    public required string Username { get; init; }

    public int Generation { get; set; }

    /// <summary>The login's absolute end; past it the family is of no use and is pruned.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
