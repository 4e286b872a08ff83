namespace Rockstor.Web.Replication;

/// <summary>The hub's "progress" message: a running attempt's counts, with percent and time left once the size is known.</summary>
public sealed record ProgressEventDto(
    string Side,
    int OwnerId,
    long AttemptId,
    long Bytes,
    long BytesPerSecond,
    long StreamBytes,
    long ExpectedBytes,
    double? Percent,
    long? EtaSeconds);
