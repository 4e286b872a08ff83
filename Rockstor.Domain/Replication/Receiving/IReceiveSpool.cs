namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// The destination's spools of resumable transfers (ADR-013): in a folder of the target pool, one file
/// per snapshot being received, made durable as it grows, so a cut transfer goes on from where it was.
/// </summary>
public interface IReceiveSpool
{
    /// <summary>
    /// What the folder's spool of the offered snapshot durably holds (an empty prefix when none); the spool
    /// is cut back to that. Spools of other snapshots in the folder are deleted (they can never finish).
    /// </summary>
    Task<SpoolPrefix> PrepareAsync(string folder, ReplicationOffer offer, CancellationToken ct);

    /// <summary>
    /// Appends what <paramref name="from"/> gives to the spool, which holds <paramref name="offset"/> bytes,
    /// until it ends; durable as it grows and whatever stops it.
    /// </summary>
    Task AppendAsync(string folder, ReplicationOffer offer, long offset, Stream from, CancellationToken ct);

    /// <summary>The whole spooled stream, to read; <paramref name="read"/> hears how much has been read so far.</summary>
    Stream OpenRead(string folder, ReplicationOffer offer, IProgress<long> read);

    /// <summary>The uuid of the snapshot whose stream the folder holds part of, if any.</summary>
    string? PartialUuid(string folder);

    /// <summary>Deletes the folder's spools.</summary>
    void Delete(string folder);

    /// <summary>
    /// Deletes the spool folders under <paramref name="root"/> (a pool's) in which nothing was written for
    /// <paramref name="idle"/>, and returns their names: transfers no sender came back for.
    /// </summary>
    IReadOnlyList<string> DeleteAbandoned(string root, TimeSpan idle, DateTimeOffset now);
}
