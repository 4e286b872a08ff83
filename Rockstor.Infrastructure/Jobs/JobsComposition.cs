using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Replication;

namespace Rockstor.Infrastructure.Jobs;

public static class JobsComposition
{
    /// <summary>
    /// The one place that chooses Hangfire's job storage: in memory until the durable storage lands.
    /// Tasks and trails live in the appliance's store, so nothing of the user's is lost with it.
    /// </summary>
    public static IGlobalConfiguration UseRockstorJobStorage(this IGlobalConfiguration configuration) =>
        configuration.UseInMemoryStorage();

    public static IServiceCollection AddRockstorJobs(this IServiceCollection services)
    {
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseRockstorJobStorage());
        services.AddTransient<ReplicationJob>();
        services.AddSingleton<IReplicationScheduler, HangfireReplicationScheduler>();
        return services;
    }
}
