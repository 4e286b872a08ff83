using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The disks' counts as last seen, in memory, with how often they were written.</summary>
public sealed class SmartBaselineRecords : ISmartBaselines
{
    private readonly Dictionary<string, SmartBaseline> _all = new(StringComparer.Ordinal);

    public int Writes { get; private set; }

    public SmartBaseline? Find(string serial) => _all.GetValueOrDefault(serial);

    public void Save(SmartBaseline baseline)
    {
        _all[baseline.Serial] = baseline;
        Writes++;
    }
}
