namespace Rockstor.Domain.Accounts;

/// <summary>
/// What a login cookie or bearer token says about itself: whose it is, the security stamp it was issued
/// under and when the password was given. Tokens also name their refresh-token family and which
/// generation of it they belong to.
/// </summary>
public sealed record Session(string Username, string Stamp, DateTimeOffset SignedInAt, string? TokenFamily = null, int Generation = 0);
