using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Schedules;
using Rockstor.Infrastructure.Jobs.LiteDb;

namespace Rockstor.Infrastructure.Jobs;

public static class JobsComposition
{
    /// <summary>
    /// Hangfire, with its job storage: the LiteDB file beside the appliance's store, which only this
    /// appliance's process opens (ADR-011; ADR-019 says why there is no other).
    /// </summary>
    public static IServiceCollection AddRockstorJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobStorage>(sp => CreateStorage(
            sp.GetRequiredService<IOptions<RockstorOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobsComposition).FullName!)));
        services.AddHangfire((sp, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        services.AddTransient<ReplicationJob>();
        services.AddTransient<FailbackJob>();
        services.AddSingleton<IReplicationScheduler, HangfireReplicationScheduler>();
        services.AddTransient<SnapshotScheduleJob>();
        services.AddSingleton<ISnapshotScheduler, HangfireSnapshotScheduler>();
        services.AddTransient<ScrubJob>();
        services.AddSingleton<Domain.Pools.Scrubs.IScrubScheduler, HangfireScrubScheduler>();
        services.AddSingleton<Domain.Pools.Scrubs.ScrubScheduleService>();
        services.AddTransient<SelfTestJob>();
        services.AddTransient<WeeklyReportJob>();
        services.AddSingleton<Domain.Alerts.Reports.IWeeklyReportScheduler, HangfireWeeklyReportScheduler>();
        services.AddSingleton<Domain.Disks.Smart.ISelfTestScheduler, HangfireSelfTestScheduler>();
        services.AddSingleton<Domain.Disks.Smart.SelfTestScheduleService>();
        services.AddTransient<UpdateJob>();
        services.AddSingleton<Domain.Updates.IUpdateScheduler, HangfireUpdateScheduler>();
        return services;
    }

    private static JobStorage CreateStorage(RockstorOptions options, ILogger logger) =>
        LiteDbJobStorage.OpenOrReplace(Path.Combine(options.DataDirectory, LiteDbJobStorage.FileName), message => logger.LogError("{Message}", message));
}
