namespace Rockstor.Domain.Users;

/// <summary>An account as the machine's user database lists it (one line of /etc/passwd).</summary>
public sealed record SystemUser(string Name, int Uid, int Gid, string FullName, string Home, string Shell);
