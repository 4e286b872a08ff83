namespace Rockstor.Infrastructure.Persistence;

/// <summary>
/// Ids that are never given twice, across restarts too. LiteDB's own auto id starts after the highest id
/// left in a collection when the file is opened, so the id of a record deleted last would come back; an
/// id that names what snapshots belong to (a schedule, a replication task) must not.
/// </summary>
internal sealed class IdSequences(RockstorDatabase db)
{
    private readonly Lock _lock = new();

    /// <summary>The next id of <paramref name="name"/>, above every id given before and above <paramref name="highestInUse"/>.</summary>
    public int Next(string name, int highestInUse)
    {
        lock (_lock)
        {
            var sequence = db.Sequences.FindById(name) ?? new SequenceDocument { Name = name };
            sequence.Last = Math.Max(sequence.Last, highestInUse) + 1;
            db.Sequences.Upsert(sequence);
            return sequence.Last;
        }
    }
}
