using Rockstor.Domain.Common;
using Rockstor.Domain.Nfs;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The NFS server as far as the domain sees it: the last configuration it took, or a refusal when told to refuse.</summary>
public sealed class FakeNfsServer : INfsServer
{
    public string? RefuseWith { get; set; }

    public NfsSettings? Settings { get; private set; }

    public IReadOnlyList<NfsExport> Exports { get; private set; } = [];

    public int Applied { get; private set; }

    public Task ApplyAsync(NfsSettings settings, IReadOnlyList<NfsExport> exports, CancellationToken ct)
    {
        if (RefuseWith is { } reason)
        {
            throw new ValidationException($"The NFS server refused the configuration: {reason}");
        }

        Settings = settings;
        Exports = exports;
        Applied++;
        return Task.CompletedTask;
    }
}
