using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rockstor.Infrastructure.Alerts;
using Rockstor.Infrastructure.Persistence;

namespace Rockstor.Infrastructure.Secrets;

/// <summary>
/// At start, encrypts the secrets an earlier version stored in clear (peer credentials, the SMTP
/// password), then rebuilds the store's file so the clear bytes do not linger in its free space.
/// </summary>
internal sealed class ClearSecretsMigration(
    PairedApplianceRepository appliances,
    AlertSettingsStore alertSettings,
    RockstorDatabase database,
    ILogger<ClearSecretsMigration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var encrypted = appliances.ProtectStoredInClear() + alertSettings.ProtectStoredInClear();
        if (encrypted > 0)
        {
            database.RebuildWithoutFreeSpace();
            logger.LogInformation("Encrypted {Count} secret(s) an earlier version kept in clear in the store", encrypted);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
