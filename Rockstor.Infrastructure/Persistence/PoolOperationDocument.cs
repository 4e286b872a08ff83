using LiteDB;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class PoolOperationDocument
{
    [BsonId(autoId: false)]
    public int Id { get; set; }

    public string Pool { get; set; } = "";

    public string Kind { get; set; } = "";

    public string State { get; set; } = "";

    public string Detail { get; set; } = "";

    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? Message { get; set; }

    public int? DevId { get; set; }

    public string? Device { get; set; }

    public string? Target { get; set; }

    public string? DataProfile { get; set; }

    public string? MetadataProfile { get; set; }

    public long? StartBytes { get; set; }

    public string? Requested { get; set; }

    public bool Found { get; set; }

    public double Percent { get; set; }

    public long? BytesDone { get; set; }

    public long? BytesTotal { get; set; }

    public long? BytesPerSecond { get; set; }

    public long? SecondsLeft { get; set; }

    public long ErrorsFound { get; set; }

    public long ErrorsCorrected { get; set; }

    public long ErrorsUncorrectable { get; set; }
}
