namespace Rockstor.Domain.Users;

/// <summary>A new group as asked for; <paramref name="Gid"/> null for the next free id.</summary>
public sealed record GroupRequest(string? Name, int? Gid = null, IReadOnlyList<string>? Members = null);
