using System.Runtime.InteropServices;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Whether a path, given as the raw bytes the file system knows it by (a name need not be UTF-8), is a
/// symbolic link itself: readlink(2) reads a link's target and fails on anything else.
/// </summary>
internal static partial class SymbolicLinks
{
    public static bool IsSymbolicLink(byte[] path)
    {
        var terminated = new byte[path.Length + 1];
        path.CopyTo(terminated, 0);
        var target = new byte[1];
        return ReadLink(terminated, target, target.Length) >= 0;
    }

    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true)]
    private static partial nint ReadLink(byte[] path, byte[] buffer, nint size);
}
