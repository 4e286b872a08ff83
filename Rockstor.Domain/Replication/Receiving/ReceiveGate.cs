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
        }
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
