using System.Runtime.InteropServices;

namespace Rockstor.Infrastructure.Samba;

/// <summary>Asks a process to end (SIGTERM), as a service manager does, rather than killing it outright.</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Signals the process's group (a Samba daemon leads its own, with the children it forked), then the process.</summary>
    public static void Terminate(int pid)
    {
        _ = Kill(-pid, SigTerm);
        _ = Kill(pid, SigTerm);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
