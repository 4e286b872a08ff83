namespace Rockstor.Domain.Replication.Receiving;

/// <summary>The destination's own settings for what it receives: the protection its replicas get unless set one by one.</summary>
public interface IReceiveSettings
{
    /// <summary>Days a received snapshot is protected from every retention policy (0: none).</summary>
    int DefaultProtectionDays();

    void SetDefaultProtectionDays(int days);
}
