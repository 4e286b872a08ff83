using System.Collections.Concurrent;

namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// The btrfs commands this process runs for operations that last as long as the command does (a disk
/// removal, a scrub): held to learn how they ended and, for a removal, to stop it. After a restart none
/// is held, and btrfs's own state says what became of them. Stopping the appliance stops them (btrfs
/// stops a scrub or a removal whose command ends): a scrub is resumed at the next start, a removal is
/// shown as interrupted with the disk still in the pool.
/// </summary>
public sealed class RunningCommands : IDisposable
{
    /// <summary>How long a command is given to fail at once (a busy pool, a wrong device) before it counts as started.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<long, Launched> _running = new();

    /// <summary>Starts the command and returns once it has run for <see cref="Settle"/>; a command that failed by then throws its error.</summary>
    public static async Task<Launched> LaunchAsync(Func<CancellationToken, Task> command, TimeProvider time)
    {
        var stop = new CancellationTokenSource();
        var running = Task.Run(() => command(stop.Token), CancellationToken.None);
        await Task.WhenAny(running, Task.Delay(Settle, time)).ConfigureAwait(false);
        if (running.IsFaulted)
        {
            stop.Dispose();
            await running.ConfigureAwait(false); // throws the command's own error
        }

        return new Launched(running, stop);
    }

    public void Hold(long operationId, Launched launched) => _running[operationId] = launched;

    /// <summary>The operation's command, when this process runs it; null after a restart.</summary>
    public Task? Find(long operationId) => _running.TryGetValue(operationId, out var running) ? running.Command : null;

    /// <summary>Stops the command; false when this process does not hold it.</summary>
    public bool Cancel(long operationId)
    {
        if (!_running.TryGetValue(operationId, out var running))
        {
            return false;
        }

        running.Stop.Cancel();
        return true;
    }

    /// <summary>Lets go of a command whose operation has ended.</summary>
    public void Forget(long operationId)
    {
        if (_running.TryRemove(operationId, out var running))
        {
            running.Stop.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var id in _running.Keys.ToList())
        {
            if (_running.TryRemove(id, out var running))
            {
                running.Stop.Cancel();
                running.Stop.Dispose();
            }
        }
    }

    public sealed record Launched(Task Command, CancellationTokenSource Stop);
}
