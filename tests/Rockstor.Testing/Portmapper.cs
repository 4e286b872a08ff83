namespace Rockstor.Testing;

/// <summary>
/// Debian's rpcbind run in the foreground in a test host's network namespace, for NFSv3 (which finds the
/// mount service through it). rpcbind keeps a lock and its state in /run; Dispose ends it and removes
/// what it left there when nothing was there before.
/// </summary>
public sealed class Portmapper : IDisposable
{
    private static readonly string[] RunFiles = ["/run/rpcbind.lock", "/run/rpcbind.sock", "/run/rpcbind"];
    private readonly System.Diagnostics.Process _process;
    private readonly string[] _made;

    private Portmapper(System.Diagnostics.Process process, string[] made)
    {
        _process = process;
        _made = made;
    }

    public static Portmapper StartIn(string networkNamespace)
    {
        var made = RunFiles.Where(f => !File.Exists(f) && !Directory.Exists(f)).ToArray();
        var start = new System.Diagnostics.ProcessStartInfo("ip") { UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", networkNamespace, "rpcbind", "-f", "-w" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("rpcbind did not start.");
        var portmapper = new Portmapper(process, made);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Sandbox.TryRun("ip", "netns", "exec", networkNamespace, "rpcinfo", "-p", "127.0.0.1").ExitCode != 0)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                portmapper.Dispose();
                throw new InvalidOperationException("rpcbind did not answer within 10 s (is another rpcbind running on this machine?).");
            }

            Thread.Sleep(100);
        }

        return portmapper;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        foreach (var path in _made)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }
}
