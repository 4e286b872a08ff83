using LiteDB;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Infrastructure.Persistence;

/// <summary>
/// The latest refusals, kept to a bounded number and aggregated: the same refusal from the same address
/// (and appliance) is one record that counts how often it came, from when to when. So a flood of
/// connections neither writes a record each nor pushes the other refusals out; and while one refusal
/// repeats, its record is written at most every <see cref="WriteEvery"/> (what came between is held in
/// memory, shown by <see cref="Latest"/>, and written at the next repeat or when the log is disposed).
/// </summary>
internal sealed class RefusalLog(RockstorDatabase db, TimeProvider time) : IRefusalLog, IDisposable
{
    public const int Kept = 200;

    public static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(5);

    /// <summary>Kinds of refusal kept apart per address; further kinds share one record.</summary>
    public const int KindsPerAddress = 10;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);

    public void Add(Refusal refusal)
    {
        lock (_lock)
        {
            // A reason may carry what the other side sent: one address gets at most this many kinds, the
            // rest are counted together, so it cannot push the others' refusals out.
            var key = KeyOf(refusal);
            if (!_held.ContainsKey(key) && db.Refusals.FindOne(d => d.Key == key) is null
                && db.Refusals.Count(d => d.From == refusal.From) >= KindsPerAddress - 1)
            {
                refusal = refusal with { Reason = $"Refusals of other kinds; the latest: {refusal.Reason}" };
                key = $"{refusal.From}\n{refusal.SenderApplianceId}\n*";
            }

            var now = time.GetUtcNow();
            if (_held.TryGetValue(key, out var held) && now - held.WrittenAt < WriteEvery)
            {
                held.Document.Count++;
                held.Document.Reason = refusal.Reason;
                held.Document.At = refusal.At.UtcDateTime;
                held.Dirty = true;
                return;
            }

            var document = held?.Document ?? db.Refusals.FindOne(d => d.Key == key);
            if (document is not null && key.EndsWith("\n*", StringComparison.Ordinal))
            {
                document.Reason = refusal.Reason;
            }

            if (document is null)
            {
                document = new RefusalDocument
                {
                    Key = key,
                    FirstAt = refusal.At.UtcDateTime,
                    At = refusal.At.UtcDateTime,
                    From = refusal.From,
                    SenderApplianceId = refusal.SenderApplianceId,
                    Reason = refusal.Reason,
                    Count = 1,
                };
                db.Refusals.Insert(document);
                Trim();
            }
            else
            {
                document.Count = Math.Max(document.Count, 1) + 1;
                document.At = refusal.At.UtcDateTime;
                if (!db.Refusals.Update(document))
                {
                    db.Refusals.Insert(document); // trimmed meanwhile: it comes back as the newest
                }
            }

            _held[key] = new Held(document, now);
        }
    }

    public IReadOnlyList<Refusal> Latest(int count)
    {
        lock (_lock)
        {
            var held = _held.Values.ToDictionary(h => h.Document.Id, h => h.Document);
            return db.Refusals.Query().OrderByDescending(r => r.At).Limit(count).ToList()
                .Select(r => held.GetValueOrDefault(r.Id) ?? r)
                .OrderByDescending(r => r.At)
                .Select(r => new Refusal(
                    PoolRepository.Utc(r.At),
                    r.From,
                    r.SenderApplianceId,
                    r.Reason,
                    Math.Max(r.Count, 1),
                    r.FirstAt == default ? PoolRepository.Utc(r.At) : PoolRepository.Utc(r.FirstAt)))
                .ToList();
        }
    }

    /// <summary>Writes what repeats held in memory.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var held in _held.Values.Where(h => h.Dirty))
            {
                db.Refusals.Update(held.Document);
            }

            _held.Clear();
        }
    }

    private static string KeyOf(Refusal refusal) => $"{refusal.From}\n{refusal.SenderApplianceId}\n{refusal.Reason}";

    private void Trim()
    {
        var count = db.Refusals.Count();
        if (count > Kept)
        {
            foreach (var old in db.Refusals.Query().OrderBy(r => r.At).Limit(count - Kept).ToList())
            {
                db.Refusals.Delete(old.Id);
                _held.Remove(old.Key ?? "");
            }
        }
    }

    private sealed class Held(RefusalDocument document, DateTimeOffset writtenAt)
    {
        public RefusalDocument Document { get; } = document;

        public DateTimeOffset WrittenAt { get; } = writtenAt;

        public bool Dirty { get; set; }
    }
}

internal sealed class RefusalDocument
{
    [BsonId(autoId: true)]
    public long Id { get; set; }

    /// <summary>What makes two refusals the same: address, appliance and reason (null in stores from before aggregation).</summary>
    public string? Key { get; set; }

    public DateTime FirstAt { get; set; }

    /// <summary>When it came last.</summary>
    public DateTime At { get; set; }

    public string From { get; set; } = "";

    public string? SenderApplianceId { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>How often it came (0 in stores from before aggregation: once).</summary>
    public int Count { get; set; }
}
