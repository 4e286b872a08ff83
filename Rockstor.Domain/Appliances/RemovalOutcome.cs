namespace Rockstor.Domain.Appliances;

public enum RemovalOutcome
{
    /// <summary>Removed on both sides.</summary>
    Removed,

    /// <summary>Removed here; the other side was unreachable and is told when it is back.</summary>
    OtherSidePending,
}
