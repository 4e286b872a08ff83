namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// Tells the screens and the hub about pool operations as they start, move and end. The newest state of
/// each operation in progress is kept in memory, so a screen that opens mid-way shows it at once.
/// </summary>
public sealed class PoolOperationEvents
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, PoolOperation> _live = new();

    public event Action<PoolOperation>? Changed;

    public void Publish(PoolOperation operation)
    {
        if (operation.State.IsActive())
        {
            _live[operation.Id] = operation;
        }
        else
        {
            _live.TryRemove(operation.Id, out _);
        }

        // A listener that fails (a closed screen, say) must neither stop the others nor the poller.
        foreach (var listener in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<PoolOperation>)listener)(operation);
            }
#pragma warning disable CA1031 // Any listener's failure is its own.
            catch (Exception)
#pragma warning restore CA1031
            {
                // told to the next listener all the same
            }
        }
    }

    /// <summary>The newest state seen of the operation, when it is in progress.</summary>
    public PoolOperation? Live(long id) => _live.GetValueOrDefault(id);
}
