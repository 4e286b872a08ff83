using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// A receive confined to its folder. btrfs-progs joins the paths a send stream names to the folder without
/// looking at them, so three walls stand around it: btrfs receive runs chrooted in the folder (`--chroot`,
/// and `-e` stops it at the stream's end command); the folder is append-only meanwhile (`chattr +a`), so
/// the snapshots already in it cannot be renamed or removed, nor the folder's own mode changed, even
/// through a symbolic link the stream made; and the stream passes through <see cref="SendStreamGuard"/>,
/// which stops it at the first command the offer does not allow.
/// </summary>
public sealed partial class BtrfsCli
{
    private const string Chattr = "chattr";

    public async Task ReceiveAsync(string directory, Stream input, ExpectedSubvolume expected, CancellationToken ct)
    {
        var guard = new SendStreamGuard(input, expected, SymbolicLinks.IsSymbolicLink);
        var idle = TimeSpan.FromSeconds(options.Value.ReplicationIdleSeconds);
        using var stuck = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await runner.RunAsync(Chattr, ["+a", directory], $"Could not make {directory} append-only for a receive", ct).ConfigureAwait(false);
        var done = false;
        try
        {
            using (WatchStuck(guard, idle, stuck))
            {
                await runner.StreamAsync(
                        Btrfs, ["receive", "-e", "--chroot", directory], new UntilProcessEnds(guard, stuck.Token), output: null, $"Could not receive into {directory}", stuck.Token)
                    .ConfigureAwait(false);
            }

            // btrfs stops at the end command and its input may not have been read to the end: read the
            // rest (nothing, from an honest sender) so the stream is whole to check, and the guard sees
            // anything that follows the end.
            await guard.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            done = true;
        }
        catch (Exception e) when (guard.Refusal is not null && e is not UnsafeSendStreamException)
        {
            // btrfs failed because the guard cut its input: the guard's reason is the one that counts.
            throw new UnsafeSendStreamException(guard.Refusal);
        }
        catch (OperationCanceledException) when (stuck.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new UnsafeSendStreamException(
                $"btrfs receive asked for nothing of the stream for {idle.TotalSeconds:0} s (a command of the stream keeps it waiting) and was stopped; nothing of it was kept.");
        }
        finally
        {
            try
            {
                await ReleaseReceiveFolderAsync(directory, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Domain.Common.StorageCommandException) when (!done)
            {
                // The receive's own failure is the one to report; the start-up sweep releases the folder.
            }
        }

        if (guard.Refusal is not null)
        {
            throw new UnsafeSendStreamException(guard.Refusal);
        }
    }

    /// <summary>
    /// Stops btrfs receive when it has not asked for input for <paramref name="idle"/> while none was on
    /// its way (a stream can make it wait forever, opening a FIFO as a clone's source). Waiting for the
    /// sender is the connection's own idle limit, not this.
    /// </summary>
    private static ITimer WatchStuck(SendStreamGuard guard, TimeSpan idle, CancellationTokenSource stuck) =>
        TimeProvider.System.CreateTimer(
            _ =>
            {
                if (!guard.Reading && Environment.TickCount64 - guard.LastReadTicks > idle.TotalMilliseconds)
                {
                    stuck.Cancel();
                }
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));

    public Task ReleaseReceiveFolderAsync(string directory, CancellationToken ct) =>
        runner.RunAsync(Chattr, ["-a", directory], $"Could not make {directory} an ordinary folder again after a receive", ct);

    /// <summary>
    /// The receive's input as CliWrap pumps it into btrfs. btrfs stops at the end command (-e), and CliWrap
    /// then cancels the read it has under way: that read ends the pump as the end of input, not as an error
    /// (CliWrap let such a cancellation through now and then, and a whole stream failed as "stopped"). Nothing
    /// is lost: a cancelled read takes no bytes, and the rest is read after btrfs, by the caller.
    /// </summary>
    private sealed class UntilProcessEnds(Stream inner, CancellationToken receive) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !receive.IsCancellationRequested)
            {
                return 0;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
