using System.Globalization;

namespace Rockstor.Testing;

/// <summary>
/// Debian's libnfs-utils (nfs-cp, nfs-ls) as a real NFS client in user space (NFSv4, or v3 through the
/// server's portmapper): against an address and port, as the uid and gid it claims (sec=sys, as any NFS
/// client does), run from a network namespace when given (another host of a <see cref="TestNetwork"/>).
/// Debian 12's libnfs 4.0 fails an NFSv4 write of more than about 3.5 KB in the client itself, before
/// anything is sent (seen with strace); larger writes are tested over v3.
/// </summary>
public sealed class LibNfsClient(string address, int port = 2049, string? fromNamespace = null, int version = 4)
{
    /// <summary>Copies a local file to <paramref name="path"/> on the server (/share/folder/file).</summary>
    public (int ExitCode, string Output) Put(string localFile, string path, int uid = 0, int gid = 0) =>
        Run("nfs-cp", localFile, Url(path, uid, gid));

    /// <summary>Copies <paramref name="path"/> on the server to a local file.</summary>
    public (int ExitCode, string Output) Get(string path, string localFile, int uid = 0, int gid = 0) =>
        Run("nfs-cp", Url(path, uid, gid), localFile);

    /// <summary>Lists a folder on the server.</summary>
    public (int ExitCode, string Output) List(string path, int uid = 0, int gid = 0) =>
        Run("nfs-ls", Url(path, uid, gid));

    private string Url(string path, int uid, int gid)
    {
        var query = $"version={version.ToString(CultureInfo.InvariantCulture)}&uid={uid.ToString(CultureInfo.InvariantCulture)}&gid={gid.ToString(CultureInfo.InvariantCulture)}";
        return $"nfs://{address}{path}?{query}{(port == 2049 ? "" : $"&nfsport={port.ToString(CultureInfo.InvariantCulture)}")}";
    }

    private (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        string[] inNamespace = fromNamespace is null ? [] : ["ip", "netns", "exec", fromNamespace];
        string[] command = [.. inNamespace, program, .. arguments];
        var (exitCode, output, error) = Sandbox.TryRun(command[0], command[1..]);
        return (exitCode, output + error);
    }
}
