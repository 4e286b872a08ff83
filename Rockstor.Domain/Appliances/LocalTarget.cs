namespace Rockstor.Domain.Appliances;

/// <summary>
/// This appliance as the target of its own replication tasks (another pool, a removable disk): a task
/// whose target is this appliance's id runs without the network, sender and receiver in one process,
/// and this stands in for the paired appliance the two sides would otherwise name.
/// </summary>
public static class LocalTarget
{
    /// <summary>What the trails and screens call it.</summary>
    public const string Name = "this appliance";

    /// <summary>The "address" its refusals are recorded from.</summary>
    public const string Host = "local";

    public static bool Is(ApplianceInfo self, string applianceId) => string.Equals(self.Id, applianceId, StringComparison.Ordinal);

    /// <summary>Whether a sender is this appliance itself (a paired peer always has a pinned certificate).</summary>
    public static bool IsSelf(PairedAppliance sender) => sender.Host == Host && sender.CertificateFingerprint.Length == 0;

    /// <summary>This appliance as a peer of itself (no certificate or credentials: nothing crosses a network).</summary>
    public static PairedAppliance Of(ApplianceInfo self) => new()
    {
        Id = self.Id,
        Hostname = Name,
        Host = Host,
        ManagementPort = 0,
        ReplicationPort = 0,
        CertificateFingerprint = "",
        OutgoingCredential = "",
        IncomingCredentialHash = "",
        PairedAt = DateTimeOffset.UnixEpoch,
    };
}
