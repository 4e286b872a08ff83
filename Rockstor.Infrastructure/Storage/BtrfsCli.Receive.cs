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
        using var stopPumping = CancellationTokenSource.CreateLinkedTokenSource(stuck.Token);
        var pumping = Task.CompletedTask;
        await runner.RunAsync(Chattr, ["+a", directory], $"Could not make {directory} append-only for a receive", ct).ConfigureAwait(false);
        var done = false;
        try
        {
            try
            {
                using (WatchStuck(guard, idle, stuck))
                {
                    await runner.StreamAsync(
                            Btrfs,
                            ["receive", "-e", "--chroot", directory],
                            (stdin, _) => pumping = PumpAsync(guard, stdin, stopPumping.Token),
                            $"Could not receive into {directory}",
                            stuck.Token)
                        .ConfigureAwait(false);
                }

                // btrfs stops at the end command, and CliWrap then stops waiting for its input: the pump may
                // still be reading (the sender's last frame); let it finish before anything else reads.
                await pumping.ConfigureAwait(false);
            }
            finally
            {
                if (!pumping.IsCompleted)
                {
                    await stopPumping.CancelAsync().ConfigureAwait(false);
                    await pumping.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                }
            }

            // What btrfs did not need: nothing, from an honest sender. Read so the stream is whole to check,
            // and the guard sees anything that follows the end.
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
    /// Copies the checked stream into btrfs receive's input until the stream ends or btrfs stops taking it
    /// (it stopped at the end command, or failed); the caller reads what is left. Reads are never cut short
    /// from outside but by <paramref name="ct"/>, so the stream stays whole for the caller.
    /// </summary>
    private static async Task PumpAsync(Stream from, Stream to, CancellationToken ct)
    {
        PipeCapacity.Widen(to);
        var buffer = TransferBuffers.Rent();
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, ct).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                try
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    return; // btrfs is gone
                }
            }
        }
        finally
        {
            TransferBuffers.Return(buffer);
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
}
