using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The destination's default protection, held in memory.</summary>
public sealed class ReceiveSettingsRecord : IReceiveSettings
{
    private int _days;

    public int DefaultProtectionDays() => _days;

    public void SetDefaultProtectionDays(int days) => _days = days;
}
