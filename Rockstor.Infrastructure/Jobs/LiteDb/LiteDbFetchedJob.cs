using Hangfire.Storage;

namespace Rockstor.Infrastructure.Jobs.LiteDb;

/// <summary>A job a worker took from its queue: removed when done, put back when not.</summary>
internal sealed class LiteDbFetchedJob(LiteDbJobStore store, QueuedJobDocument queued) : IFetchedJob
{
    private bool _settled;

    public string JobId { get; } = queued.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal long QueuedId => queued.Id;

    public void RemoveFromQueue()
    {
        store.Write(() => store.Queue.Delete(queued.Id));
        _settled = true;
    }

    public void Requeue()
    {
        store.Write(() =>
        {
            if (store.Queue.FindById(queued.Id) is { } document)
            {
                document.FetchedAt = null;
                store.Queue.Update(document);
            }
        });
        _settled = true;
        store.SignalEnqueued();
    }

    /// <summary>A worker that stops without settling the job (shutdown) puts it back for the next one.</summary>
    public void Dispose()
    {
        if (!_settled)
        {
            Requeue();
        }
    }
}
