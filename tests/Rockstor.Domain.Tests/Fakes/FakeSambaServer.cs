using Rockstor.Domain.Common;
using Rockstor.Domain.Smb;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Samba as far as the domain sees it: the last configuration it took, or a refusal when told to refuse.</summary>
public sealed class FakeSambaServer : ISambaServer
{
    public string? RefuseWith { get; set; }

    public SmbSettings? Settings { get; private set; }

    public IReadOnlyList<SmbExport> Exports { get; private set; } = [];

    public int Applied { get; private set; }

    public Task ApplyAsync(SmbSettings settings, IReadOnlyList<SmbExport> exports, CancellationToken ct)
    {
        if (RefuseWith is { } reason)
        {
            throw new ValidationException($"Samba refused the configuration: {reason}");
        }

        Settings = settings;
        Exports = exports;
        Applied++;
        return Task.CompletedTask;
    }
}
