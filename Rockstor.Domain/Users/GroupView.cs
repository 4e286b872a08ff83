namespace Rockstor.Domain.Users;

/// <summary>A group as the Users screen shows it; <see cref="Managed"/> as for <see cref="UserView"/>.</summary>
public sealed record GroupView(string Name, int Gid, IReadOnlyList<string> Members, bool Managed);
