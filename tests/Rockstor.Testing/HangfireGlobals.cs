namespace Rockstor.Testing;

/// <summary>
/// Hangfire keeps a logger and a job activator process-wide, and a container that resolves a scheduler
/// makes them its own. Once that container is disposed they are dead: a test that uses Hangfire directly
/// gives Hangfire its own back first, and a host that made them its own does so when it is disposed.
/// </summary>
public static class HangfireGlobals
{
    public static void Forget()
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        Hangfire.JobActivator.Current = new Hangfire.JobActivator();
    }
}
