namespace Rockstor.Domain.Appliances;

public enum PairingState
{
    /// <summary>Both sides know each other.</summary>
    Paired,

    /// <summary>Removed here, but the other side could not be told yet; it is told when it is reachable again.</summary>
    RemovalPending,
}
