using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// A subvolume's identity as btrfs send and receive see it, read and set through the kernel's ioctls
/// (btrfs-progs has no command for either): its uuid and change transaction, and the "received as"
/// uuid and send transaction that btrfs receive looks a parent up by (ADR-033).
/// </summary>
internal static partial class ReceivedIdentity
{
    /// <summary>_IOR(0x94, 60, struct btrfs_ioctl_get_subvol_info_args): 504 bytes.</summary>
    private const uint GetSubvolumeInfo = 0x81F8943C;

    /// <summary>_IOWR(0x94, 37, struct btrfs_ioctl_received_subvol_args): 200 bytes.</summary>
    private const uint SetReceivedSubvolume = 0xC0C89425;

    private const int InfoLength = 504;
    private const int ReceivedLength = 200;
    private const int UuidOffset = 296;
    private const int ChangeTransactionOffset = 344;

    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY

    /// <summary>The subvolume's own uuid (raw, 16 bytes) and the transaction it last changed in.</summary>
    public static (byte[] Uuid, ulong ChangeTransaction) Read(string subvolume)
    {
        var info = new byte[InfoLength];
        Call(subvolume, GetSubvolumeInfo, info, "read the identity of");
        return (info[UuidOffset..(UuidOffset + 16)], BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(ChangeTransactionOffset)));
    }

    /// <summary>Marks a writable subvolume as received as <paramref name="uuid"/>, sent at <paramref name="sendTransaction"/>.</summary>
    public static void MarkReceived(string subvolume, byte[] uuid, ulong sendTransaction)
    {
        var arguments = new byte[ReceivedLength];
        uuid.CopyTo(arguments, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(arguments.AsSpan(16), sendTransaction);
        Call(subvolume, SetReceivedSubvolume, arguments, "mark as received");
    }

    private static void Call(string subvolume, uint request, byte[] arguments, string doing)
    {
        var fd = Open(subvolume, ReadOnlyDirectory);
        if (fd < 0)
        {
            throw new Domain.Common.StorageCommandException($"Could not {doing} {subvolume}", "open", Marshal.GetLastPInvokeErrorMessage());
        }

        try
        {
            if (Ioctl(fd, request, arguments) < 0)
            {
                throw new Domain.Common.StorageCommandException($"Could not {doing} {subvolume}", "ioctl", Marshal.GetLastPInvokeErrorMessage());
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, byte[] arguments);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
