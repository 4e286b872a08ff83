using System.IO.Pipelines;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// Bounded buffers between the stages of a transfer, so that btrfs, TLS and hashing work at the same
/// time on both cores instead of taking turns through a 64 KiB pipe. Memory stays bounded: a stage that
/// runs ahead waits once <see cref="Ahead"/> bytes are buffered.
/// </summary>
internal static class StageBuffer
{
    /// <summary>How far one stage may run ahead of the next.</summary>
    public const int Ahead = 8 << 20;

    public static Pipe Create() => new(new PipeOptions(
        pauseWriterThreshold: Ahead,
        resumeWriterThreshold: Ahead / 2,
        minimumSegmentSize: 64 * 1024,
        useSynchronizationContext: false));

    /// <summary>
    /// Runs <paramref name="produce"/> (btrfs send) into a buffer while the buffer is copied to
    /// <paramref name="destination"/>; whichever side fails stops the other.
    /// </summary>
    public static async Task PumpAsync(Func<Stream, CancellationToken, Task> produce, Stream destination, CancellationToken ct)
    {
        var pipe = Create();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producing = Task.Run(
            async () =>
            {
                try
                {
                    await using var input = pipe.Writer.AsStream(leaveOpen: true);
                    await produce(input, stop.Token).ConfigureAwait(false);
                    await pipe.Writer.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
                    throw;
                }
            },
            CancellationToken.None);
        try
        {
            await pipe.Reader.CopyToAsync(destination, stop.Token).ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await pipe.Reader.CompleteAsync(e).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producing.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The consumer's failure is the one reported; the producer only had to stop.
            catch
#pragma warning restore CA1031
            {
            }

            throw;
        }

        await producing.ConfigureAwait(false);
    }
}
