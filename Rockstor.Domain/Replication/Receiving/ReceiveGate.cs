namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// The one receive into a replica share's folder at a time: which incoming replica (task) holds it, and
/// how to stop that receive when its sender gives up on it and tries again.
/// </summary>
internal sealed class ReceiveGate
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;
    private int? _owner;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public CancellationToken Token
    {
        get
        {
            lock (_lock)
            {
                return _current?.Token ?? CancellationToken.None;
            }
        }
    }

    public bool Superseded { get; private set; }

    /// <summary>Whether this appliance's admin cancelled the receive under way.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>The incoming replica (task) whose receive is under way, if any.</summary>
    public int? Owner
    {
        get
        {
            lock (_lock)
            {
                return _owner;
            }
        }
    }

    public void Begin(int owner)
    {
        lock (_lock)
        {
            _current = new CancellationTokenSource();
            _owner = owner;
            Superseded = false;
            Cancelled = false;
        }
    }

    /// <summary>Stops the receive of <paramref name="owner"/> if it is the one under way; returns whether it was.</summary>
    public bool Cancel(int owner)
    {
        CancellationTokenSource current;
        lock (_lock)
        {
            if (_owner != owner || _current is null)
            {
                return false;
            }

            Cancelled = true;
            current = _current;
        }

        // Outside the lock: the receive's stop hooks (killing btrfs receive) run now, and may ask the gate.
        try
        {
            current.Cancel();
        }
        catch (Exception e) when (e is ObjectDisposedException or AggregateException)
        {
            // It ended meanwhile, or a hook of a process already gone failed: the receive ends all the same.
        }

        return true;
    }

    public void Supersede()
    {
        lock (_lock)
        {
            Superseded = true;
            _current?.Cancel();
        }
    }

    public void End()
    {
        lock (_lock)
        {
            _current?.Dispose();
            _current = null;
            _owner = null;
        }

        Gate.Release();
    }
}
