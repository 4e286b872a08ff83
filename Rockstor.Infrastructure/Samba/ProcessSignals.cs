using System.Runtime.InteropServices;

namespace Rockstor.Infrastructure.Samba;

/// <summary>Asks a process to end (SIGTERM), as a service manager does, kills it (SIGKILL) when it would not, or has it reload (SIGHUP).</summary>
internal static partial class ProcessSignals
{
    private const int SigHup = 1;

    private const int SigTerm = 15;

    private const int SigKill = 9;

    /// <summary>Signals the process's group (a Samba daemon leads its own, with the children it forked), then the process.</summary>
    public static void Terminate(int pid)
    {
        _ = Kill(-pid, SigTerm);
        _ = Kill(pid, SigTerm);
    }

    public static void Kill(int pid) => _ = Kill(pid, SigKill);

    /// <summary>SIGHUP: a server reads its configuration again (sshd starts itself anew in the same process).</summary>
    public static void Hangup(int pid) => _ = Kill(pid, SigHup);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
