using Rockstor.Domain.Common;
using Rockstor.Domain.Sftp;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The SSH server as far as the domain sees it: the last configuration it took, or a refusal when told to refuse.</summary>
public sealed class FakeSftpServer : ISftpServer
{
    public string? RefuseWith { get; set; }

    public int DefaultPort => 22;

    public SftpSettings? Settings { get; private set; }

    public IReadOnlyList<SftpExport> Exports { get; private set; } = [];

    public int Applied { get; private set; }

    public Task ApplyAsync(SftpSettings settings, IReadOnlyList<SftpExport> exports, CancellationToken ct)
    {
        if (RefuseWith is { } reason)
        {
            throw new ValidationException($"sshd refused the configuration: {reason}");
        }

        Settings = settings;
        Exports = exports;
        Applied++;
        return Task.CompletedTask;
    }
}
