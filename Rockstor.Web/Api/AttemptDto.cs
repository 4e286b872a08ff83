using Rockstor.Domain.Replication.Trail;


namespace Rockstor.Web.Api;

public sealed record AttemptDto(
    long Id,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Snapshot,
    string? Parent,
    long Bytes,
    long BytesPerSecond,
    string? Error,
    int Retries,
    long StreamBytes,
    double? CompressionRatio,
    long ExpectedBytes,
    double? Percent,
    long? EtaSeconds,
    long ResumedFrom,
    string? Note)
{
    public static AttemptDto From(Attempt a) => new(
        a.Id,
        a.Status.ToString().ToLowerInvariant(),
        a.StartedAt,
        a.EndedAt,
        a.Snapshot,
        a.Parent,
        a.Bytes,
        a.BytesPerSecond,
        a.Error,
        a.Retries,
        a.StreamBytes,
        Ratio(a),
        a.ExpectedBytes,
        a.Percent,
        a.Status == AttemptStatus.Running ? a.EtaSeconds : null,
        a.ResumedFrom,
        a.Note);

    /// <summary>Link bytes over stream bytes (below 1 when compression paid off); null before anything moved.</summary>
    private static double? Ratio(Attempt a) => a.StreamBytes > 0 ? Math.Round((double)a.Bytes / a.StreamBytes, 3) : null;
}
