namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// A destination for a command's output that reads the output itself, straight into its own buffers,
/// rather than being written to from a copy (btrfs send's stream into replication frames).
/// </summary>
internal interface ICommandOutputReader
{
    /// <summary>Reads <paramref name="output"/> (the command's standard output) to its end.</summary>
    Task ReadFromAsync(Stream output, CancellationToken ct);
}
