using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Widens the kernel pipe between the appliance and btrfs send or receive from 64 KiB to 1 MiB, so each
/// side can run that far ahead of the other (and one read takes up to 1 MiB) without a buffer of ours
/// in between. Where the kernel refuses (a limit in /proc/sys/fs/pipe-max-size), the pipe stays as it is.
/// </summary>
internal static partial class PipeCapacity
{
    public const int Wide = 1 << 20;

    private const int SetPipeSize = 1031; // F_SETPIPE_SZ

    public static void Widen(Stream stream)
    {
        if (stream is not PipeStream pipe || !OperatingSystem.IsLinux())
        {
            return;
        }

        var handle = pipe.SafePipeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = Fcntl((int)handle.DangerousGetHandle(), SetPipeSize, Wide); // -1 (refused) leaves it as it was
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int fd, int command, int argument);
}
