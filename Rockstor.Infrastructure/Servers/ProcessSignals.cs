using System.Runtime.InteropServices;

namespace Rockstor.Infrastructure.Servers;

/// <summary>Asks a process to end (SIGTERM), as a service manager does, kills it (SIGKILL) when it would not, and asks a server to read its configuration again (SIGHUP).</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    private const int SigKill = 9;

    private const int SigHup = 1;

    /// <summary>Signals the process's group (a Samba daemon leads its own, with the children it forked), then the process.</summary>
    public static void Terminate(int pid)
    {
        _ = Kill(-pid, SigTerm);
        _ = Kill(pid, SigTerm);
    }

    public static void Kill(int pid) => _ = Kill(pid, SigKill);

    public static void Hangup(int pid) => _ = Kill(pid, SigHup);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
