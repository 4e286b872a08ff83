namespace Rockstor.Domain.Users;

/// <summary>A group as the machine's group database lists it (one line of /etc/group).</summary>
public sealed record SystemGroup(string Name, int Gid, IReadOnlyList<string> Members);
