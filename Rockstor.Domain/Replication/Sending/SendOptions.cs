using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Replication.Sending;

/// <summary>
/// How a session moves a send stream: compressed on the wire or not, at most how fast (bytes per second;
/// null for no limit), and, when the run is stopped part-way on purpose, why (told to the receiver, so its trail
/// says so rather than "the stream was cut"; null when the stop was not on purpose).
/// </summary>
public sealed record SendOptions(CompressionMode Compression = CompressionMode.Off, double? BytesPerSecond = null, Func<string?>? WhyStopped = null)
{
    /// <summary>A task's options: its compression, and its bandwidth limit (MB/s) in bytes per second.</summary>
    public static SendOptions Of(ReplicationTask task, Func<string?>? whyStopped = null) => new(task.Compression, task.BandwidthLimitMBps * 1_000_000, whyStopped);
}
