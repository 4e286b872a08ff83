using System.Text.Json;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// Spools of resumable receives (ADR-013): <c>&lt;uuid&gt;.stream</c> holds what arrived of a snapshot's
/// send stream, <c>&lt;uuid&gt;.json</c> how much of it is on disk for sure (written after an fsync).
/// After a crash the stream is cut back to that; the sender's prefix hash then vouches for the rest.
/// </summary>
internal sealed class ReceiveSpool : IReceiveSpool
{
    /// <summary>How much may arrive between two checkpoints (what a crash can cost, at most)...</summary>
    public const long CheckpointEvery = 64L << 20;

    /// <summary>...or how long, on a slow link.</summary>
    private static readonly TimeSpan CheckpointAfter = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SpoolPrefix> PrepareAsync(string folder, ReplicationOffer offer, CancellationToken ct)
    {
        var stream = StreamPath(folder, offer);
        var checkpoint = CheckpointPath(folder, offer);
        return await GuardAsync($"Could not prepare the spool in {folder}", async () =>
        {
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.EnumerateFiles(folder).Where(f => f != stream && f != checkpoint))
            {
                File.Delete(stale);
            }

            var held = Read(checkpoint) is { } known && known.ParentUuid == offer.ParentUuid && File.Exists(stream)
                ? Math.Min(known.Durable, new FileInfo(stream).Length)
                : 0;
            await using var file = new FileStream(stream, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
            file.SetLength(held);
            var checksum = await StreamChecksum.OfAsync(file, ct).ConfigureAwait(false);
            await WriteCheckpointAsync(file, checkpoint, offer, held).ConfigureAwait(false);
            return new SpoolPrefix(held, checksum);
        }).ConfigureAwait(false);
    }

    public async Task AppendAsync(string folder, ReplicationOffer offer, long offset, Stream from, CancellationToken ct)
    {
        var checkpoint = CheckpointPath(folder, offer);
        var file = await GuardAsync($"Could not open the spool in {folder}", () => Task.FromResult(
            new FileStream(StreamPath(folder, offer), FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous))).ConfigureAwait(false);
        await using (file.ConfigureAwait(false))
        {
            file.Position = offset;
            var durable = offset;
            var since = System.Diagnostics.Stopwatch.StartNew();
            var buffer = TransferBuffers.Rent();
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    var piece = buffer.AsMemory(0, read);
                    await GuardAsync($"Could not write the spool in {folder}", async () =>
                    {
                        await file.WriteAsync(piece, ct).ConfigureAwait(false);
                        return 0;
                    }).ConfigureAwait(false);
                    if (file.Position - durable >= CheckpointEvery || since.Elapsed >= CheckpointAfter)
                    {
                        durable = await GuardAsync($"Could not write the spool in {folder}", () => WriteCheckpointAsync(file, checkpoint, offer, file.Position)).ConfigureAwait(false);
                        since.Restart();
                    }
                }
            }
            finally
            {
                TransferBuffers.Return(buffer);

                // Whatever stopped the stream (the link, the sender, a superseding try), what arrived stays.
                try
                {
                    await WriteCheckpointAsync(file, checkpoint, offer, file.Position).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The last checkpoint stands; at worst the next try resends what came after it.
                }
            }
        }
    }

    public Stream OpenRead(string folder, ReplicationOffer offer, IProgress<long> read) =>
        new CountingReadStream(
            new FileStream(StreamPath(folder, offer), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan),
            read);

    public string? PartialUuid(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return Directory.EnumerateFiles(folder, "*.json")
            .Select(Read)
            .FirstOrDefault(c => c is { Durable: > 0 })?.SnapshotUuid;
    }

    public void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageCommandException($"Could not delete the spool {folder}", "(file system)", e.Message, e);
        }
    }

    public IReadOnlyList<string> DeleteAbandoned(string root, TimeSpan idle, DateTimeOffset now)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var deleted = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var written = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(File.GetLastWriteTimeUtc)
                .Append(Directory.GetLastWriteTimeUtc(folder))
                .Max();
            if (now.UtcDateTime - written > idle)
            {
                Delete(folder);
                deleted.Add(Path.GetFileName(folder));
            }
        }

        return deleted;
    }

    private static string StreamPath(string folder, ReplicationOffer offer) => Path.Combine(folder, FileName(offer) + ".stream");

    private static string CheckpointPath(string folder, ReplicationOffer offer) => Path.Combine(folder, FileName(offer) + ".json");

    /// <summary>The snapshot's uuid names its files: a sender's words never become a path.</summary>
    private static string FileName(ReplicationOffer offer) =>
        Guid.TryParse(offer.SnapshotUuid, out var uuid) ? uuid.ToString("D") : throw new ValidationException($"'{Echo.Of(offer.SnapshotUuid)}' is not a snapshot uuid.");

    private static Checkpoint? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Checkpoint>(File.ReadAllBytes(path), Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null; // a checkpoint torn by a crash: start that stream over
        }
    }

    /// <summary>Makes the spool durable up to <paramref name="length"/>, then says so in the checkpoint (replaced whole).</summary>
    private static async Task<long> WriteCheckpointAsync(FileStream file, string path, ReplicationOffer offer, long length)
    {
        await file.FlushAsync().ConfigureAwait(false);
        file.Flush(flushToDisk: true);
        var next = path + ".new";
        await using (var stream = new FileStream(next, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, new Checkpoint(offer.Snapshot, offer.SnapshotUuid, offer.ParentUuid, length), Json).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(next, path, overwrite: true);
        return length;
    }

    private static async Task<T> GuardAsync<T>(string failure, Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageCommandException(failure, "(file system)", e.Message, e);
        }
    }

    private sealed record Checkpoint(string Snapshot, string SnapshotUuid, string? ParentUuid, long Durable);
}
