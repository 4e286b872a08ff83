using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Refusals in a list, each as it was added (the store's merging of repeats is not modelled).</summary>
public sealed class RefusalRecords : IRefusalLog
{
    private readonly Lock _lock = new();
    private readonly List<Refusal> _all = [];

    public IReadOnlyList<Refusal> All
    {
        get
        {
            lock (_lock)
            {
                return _all.ToList();
            }
        }
    }

    public void Add(Refusal refusal)
    {
        lock (_lock)
        {
            _all.Add(refusal);
        }
    }

    public IReadOnlyList<Refusal> Latest(int count) => All.AsEnumerable().Reverse().Take(count).ToList();
}
