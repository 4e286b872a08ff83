using System.IO.Hashing;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// The checksum that vouches for a send stream end to end (ADR-022): XXH128 of its bytes, in hex. It is
/// not there against an attacker (TLS authenticates every byte in flight, and only a paired appliance
/// reaches the receiver); it catches what TLS cannot see: a stream cut or mangled before it was framed or
/// after it was read, and a spool on disk that no longer holds what arrived.
/// </summary>
internal sealed class StreamChecksum
{
    private readonly XxHash128 _hash = new();

    public void Append(ReadOnlySpan<byte> bytes) => _hash.Append(bytes);

    /// <summary>The checksum of what was appended so far; appending may go on.</summary>
    public string Current => Convert.ToHexString(_hash.GetCurrentHash());

    /// <summary>The checksum of what was appended, and a fresh start.</summary>
    public string Finish() => Convert.ToHexString(_hash.GetHashAndReset());

    /// <summary>The checksum of a whole stream, read to its end.</summary>
    public static async Task<string> OfAsync(Stream stream, CancellationToken ct)
    {
        var checksum = new StreamChecksum();
        var buffer = Storage.TransferBuffers.Rent();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                checksum.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            Storage.TransferBuffers.Return(buffer);
        }

        return checksum.Finish();
    }

    /// <summary>Whether two checksums in hex are the same (either may be null: then they are not).</summary>
    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
