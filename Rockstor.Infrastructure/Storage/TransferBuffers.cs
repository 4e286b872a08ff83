using System.Buffers;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// The 1 MiB buffers a transfer reads and writes its pieces in (a pipe's worth, <see cref="PipeCapacity.Wide"/>),
/// from a pool of their own that keeps at most eight: a busy appliance reuses them rather than leaving
/// large-object garbage behind each transfer, and an idle one holds 8 MiB at most (the shared pool would
/// keep many more, and one of twice the size for every request a byte over a power of two).
/// </summary>
internal static class TransferBuffers
{
    public const int Size = PipeCapacity.Wide;

    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(Size, maxArraysPerBucket: 8);

    /// <summary>A buffer of exactly <see cref="Size"/> bytes; give it back with <see cref="Return"/>.</summary>
    public static byte[] Rent() => Pool.Rent(Size);

    public static void Return(byte[] buffer) => Pool.Return(buffer);
}
