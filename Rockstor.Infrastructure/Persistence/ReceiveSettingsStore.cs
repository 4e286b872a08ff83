using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class ReceiveSettingsStore(RockstorDatabase db) : IReceiveSettings
{
    public int DefaultProtectionDays() => db.ReceiveSettings.FindById(1)?.ProtectionDays ?? 0;

    public void SetDefaultProtectionDays(int days) => db.ReceiveSettings.Upsert(new ReceiveSettingsDocument { ProtectionDays = days });
}
