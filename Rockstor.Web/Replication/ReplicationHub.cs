using Rockstor.Web.Accounts;

namespace Rockstor.Web.Replication;

/// <summary>
/// Live replication news for signed-in admins: "attempt" when an attempt starts, changes state or ends,
/// "progress" while bytes flow. Clients only listen. A connection closes when its login ends (logout, new
/// password, absolute lifetime).
/// </summary>
public sealed class ReplicationHub(SessionWatch watch) : SessionBoundHub(watch)
{
    public const string Path = "/hubs/replication";
}
