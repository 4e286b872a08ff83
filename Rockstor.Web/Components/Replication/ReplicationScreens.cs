
namespace Rockstor.Web.Components.Replication;

/// <summary>What the replication screens have in common.</summary>
public static class ReplicationScreens
{
    /// <summary>Tasks or replicas on a page of the Send and Receive screens: only those have their trails read.</summary>
    public const int PageSize = 25;
}
