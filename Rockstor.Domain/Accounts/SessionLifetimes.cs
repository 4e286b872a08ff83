namespace Rockstor.Domain.Accounts;

/// <summary>
/// How long a login lasts: <paramref name="Idle"/> after its last use (a cookie slides; a token is
/// refreshed), and never more than <paramref name="Absolute"/> after the password was given.
/// </summary>
public sealed record SessionLifetimes(TimeSpan Idle, TimeSpan Absolute);
