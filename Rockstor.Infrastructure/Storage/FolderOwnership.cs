using System.Runtime.InteropServices;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Gives a folder an owner and group by number (chown(2), never following a link: lchown), so an
/// account name can never be read as anything else.
/// </summary>
internal static partial class FolderOwnership
{
    public static void Set(string path, int uid, int gid)
    {
        if (LChown(path, (uint)uid, (uint)gid) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"chown {path} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint owner, uint group);
}
