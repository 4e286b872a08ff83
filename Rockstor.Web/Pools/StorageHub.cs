using Rockstor.Web.Accounts;

namespace Rockstor.Web.Pools;

/// <summary>
/// Live news of the pools' long operations for signed-in admins: "operation" each time one starts, moves
/// or ends. Clients only listen. A connection closes when its login ends.
/// </summary>
public sealed class StorageHub(SessionWatch watch) : SessionBoundHub(watch)
{
    public const string Path = "/hubs/storage";
}
