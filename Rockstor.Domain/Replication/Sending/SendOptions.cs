using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Replication.Sending;

/// <summary>How a session moves a send stream: compressed on the wire or not, and at most how fast (bytes per second; null for no limit).</summary>
public sealed record SendOptions(CompressionMode Compression = CompressionMode.Off, double? BytesPerSecond = null)
{
    /// <summary>A task's options: its compression, and its bandwidth limit (MB/s) in bytes per second.</summary>
    public static SendOptions Of(ReplicationTask task) => new(task.Compression, task.BandwidthLimitMBps * 1_000_000);
}
