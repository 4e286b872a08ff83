using Rockstor.Domain.Alerts;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>An alert channel that keeps what it was told, or fails with <see cref="Failure"/>.</summary>
public sealed class RecordingChannel(string name) : IAlertChannel
{
    public List<AlertNotice> Told { get; } = [];

    public bool Configured { get; set; } = true;

    public string? Failure { get; set; }

    public string Name => name;

    public bool IsConfigured(AlertSettings settings) => Configured;

    public Task SendAsync(AlertNotice notice, AlertSettings settings, CancellationToken ct)
    {
        if (Failure is not null)
        {
            throw new TimeoutException(Failure);
        }

        Told.Add(notice);
        return Task.CompletedTask;
    }
}
