using LiteDB;

namespace Rockstor.Infrastructure.Jobs.LiteDb;

// Hangfire's model as LiteDB documents. Times are stored in UTC; LiteDB hands them back as local
// times, so every read goes through LiteDbJobStore.Utc.

internal sealed class JobDocument
{
    [BsonId(autoId: true)]
    public long Id { get; set; }

    /// <summary>The serialized invocation (type, method, parameter types, arguments).</summary>
    public string Invocation { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpireAt { get; set; }

    public string? StateName { get; set; }

    public string? StateReason { get; set; }

    public DateTime? StateCreatedAt { get; set; }

    public Dictionary<string, string> StateData { get; set; } = [];

    public Dictionary<string, string> Parameters { get; set; } = [];
}

internal sealed class StateDocument
{
    [BsonId(autoId: true)]
    public long Id { get; set; }

    public long JobId { get; set; }

    public string Name { get; set; } = "";

    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    public Dictionary<string, string> Data { get; set; } = [];
}

/// <summary>A job waiting in a queue; <see cref="FetchedAt"/> marks it taken by a worker of this process.</summary>
internal sealed class QueuedJobDocument
{
    [BsonId(autoId: true)]
    public long Id { get; set; }

    public string Queue { get; set; } = "";

    public long JobId { get; set; }

    public DateTime? FetchedAt { get; set; }
}

/// <summary>A member of a sorted set; the id is the key and the value, so a value is in a set once.</summary>
internal sealed class SetDocument : IExpiring
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public double Score { get; set; }

    public DateTime? ExpireAt { get; set; }
}

internal sealed class ListDocument : IExpiring
{
    [BsonId(autoId: true)]
    public long Id { get; set; }

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTime? ExpireAt { get; set; }
}

/// <summary>A field of a hash; the id is the key and the field.</summary>
internal sealed class HashDocument : IExpiring
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Key { get; set; } = "";

    public string Field { get; set; } = "";

    public string? Value { get; set; }

    public DateTime? ExpireAt { get; set; }
}

internal sealed class CounterDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public long Value { get; set; }

    public DateTime? ExpireAt { get; set; }
}

/// <summary>A member of a keyed collection (set, list, hash) that can expire with its key.</summary>
internal interface IExpiring
{
    string Key { get; }

    DateTime? ExpireAt { get; set; }
}
