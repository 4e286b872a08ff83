using System.Net;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>A real <see cref="AlertService"/> over in-memory records, telling one recording channel ("email").</summary>
public sealed class AlertsUnderTest
{
    public AlertsUnderTest(TimeProvider time)
    {
        var records = new StorageRecords();
        Service = new AlertService(Records, Settings, [Email], records, new TrailRecords(), new PairedAppliances(), new TaskSchedule(new EveryCron()), new ApplianceIdentity(new ThisAppliance()), new NoNames(), time);
    }

    public AlertRecords Records { get; } = new();

    public AlertSettingsRecord Settings { get; } = new();

    public RecordingChannel Email { get; } = new("email");

    public AlertService Service { get; }

    /// <summary>The open alerts of one kind.</summary>
    public IReadOnlyList<Alert> Open(AlertKind kind) => Service.List(openOnly: true).Where(a => a.Kind == kind).ToList();

    /// <summary>What the channel was told, as (raised or resolved, subject).</summary>
    public IReadOnlyList<(AlertNoticeKind Kind, string Subject)> Told() => Email.Told.Select(n => (n.Kind, n.Alert.Subject)).ToList();

    private sealed class NoNames : IHostResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct) => Task.FromResult<IReadOnlyList<IPAddress>>([]);
    }
}
