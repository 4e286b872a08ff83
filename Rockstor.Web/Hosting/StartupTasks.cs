using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Pools;
using Rockstor.Infrastructure;

namespace Rockstor.Web.Hosting;

/// <summary>At start: make or load the appliance's identity, then mount every known pool.</summary>
public sealed class StartupTasks(
    ApplianceIdentity identity,
    PoolService pools,
    IOptions<RockstorOptions> options,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = string.IsNullOrWhiteSpace(options.Value.ApplianceId) ? null : options.Value.ApplianceId.Trim();
        var appliance = identity.Ensure(configured);
        logger.LogInformation("Appliance {ApplianceId} ({Hostname}) starting", appliance.Id, appliance.Hostname ?? "not set up yet");
        foreach (var failure in await pools.MountAllAsync(cancellationToken))
        {
            logger.LogError("{Failure}", failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
