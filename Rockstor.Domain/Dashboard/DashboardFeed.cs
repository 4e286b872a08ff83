namespace Rockstor.Domain.Dashboard;

/// <summary>
/// The dashboard's live snapshots, taken every <see cref="DashboardSettings.LiveInterval"/> only while
/// someone watches: the first watcher starts the timer, the last one to leave disposes it, so an appliance
/// nobody looks at samples nothing (ADR-036). Watchers are called on the timer's thread and must return
/// quickly. Nothing is written anywhere.
/// </summary>
public sealed class DashboardFeed(IDashboardSource source, DashboardSettings settings, TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Action<DashboardSnapshot>> _watchers = [];
    private ITimer? _timer;
    private int _reading;
    private bool _disposed;

    /// <summary>A snapshot could not be taken, or a watcher failed with one (the Web layer logs it); the next tick tries again.</summary>
    public event Action<Exception>? Failed;

    /// <summary>The newest snapshot taken, if any.</summary>
    public DashboardSnapshot? Latest { get; private set; }

    public int Watchers
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>Whether the timer runs (exactly while someone watches).</summary>
    public bool Sampling
    {
        get
        {
            lock (_lock)
            {
                return _timer is not null;
            }
        }
    }

    /// <summary>Calls <paramref name="watcher"/> with each snapshot until the returned handle is disposed.</summary>
    public IDisposable Watch(Action<DashboardSnapshot> watcher)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _watchers.Add(watcher);
            if (_timer is null)
            {
                // The timer must not carry the first watcher's context (its circuit, logging scopes) for its whole life.
                using (ExecutionContext.SuppressFlow())
                {
                    _timer = time.CreateTimer(_ => _ = TickAsync(), null, TimeSpan.Zero, settings.LiveInterval);
                }
            }
        }

        return new Watching(this, watcher);
    }

    /// <summary>
    /// A snapshot for one who asks once (the API): the feed's newest while it runs, else one taken now
    /// (which waits a moment for the rates).
    /// </summary>
    public async Task<DashboardSnapshot> CurrentAsync(CancellationToken ct)
    {
        if (Sampling && Latest is { } latest && time.GetUtcNow() - latest.At < settings.LiveInterval * 2)
        {
            return latest;
        }

        return await source.ReadAsync(ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _watchers.Clear();
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Leave(Action<DashboardSnapshot> watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
            if (_watchers.Count == 0)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    private async Task TickAsync()
    {
        // A slow read (btrfs busy) is not stacked: the ticks that come meanwhile are skipped.
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            return;
        }

        try
        {
            var snapshot = await source.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            Action<DashboardSnapshot>[] watchers;
            lock (_lock)
            {
                if (_watchers.Count == 0)
                {
                    return; // the last watcher left while this was read
                }

                Latest = snapshot;
                watchers = [.. _watchers];
            }

            foreach (var watcher in watchers)
            {
                try
                {
                    watcher(snapshot);
                }
#pragma warning disable CA1031 // one watcher that fails (a page whose circuit is gone) must not keep the snapshot from the others
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Failed?.Invoke(e);
                }
            }
        }
#pragma warning disable CA1031 // a timer's callback has no caller: a failed read is told and skipped, the next tick tries again
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failed?.Invoke(e);
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    private sealed class Watching(DashboardFeed feed, Action<DashboardSnapshot> watcher) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Leave(watcher);
            }
        }
    }
}
