using System.Collections.Concurrent;
using Hangfire;

namespace Rockstor.Infrastructure.Tests.Jobs.LiteDb;

/// <summary>What the jobs record; static, because Hangfire runs them by type and method name.</summary>
public static class Probe
{
    private static readonly ConcurrentDictionary<string, int> Runs = new(StringComparer.Ordinal);

    public static void Run(string name) => Runs.AddOrUpdate(name, 1, (_, n) => n + 1);

    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [1, 1])]
    public static void Fail(string name)
    {
        Run(name);
        throw new InvalidOperationException($"{name} fails on purpose");
    }

    public static void Slow(string name)
    {
        Run(name);
        Thread.Sleep(TimeSpan.FromSeconds(30));
    }

    public static int Count(string name) => Runs.GetValueOrDefault(name);

    [JobDisplayName("probe {0}")]
    public static void Named(string name) => Run(name);

    [JobDisplayName("probe {0}")]
    [AutomaticRetry(Attempts = 0)]
    public static void Once(string name) => Run(name);

    /// <summary>Runs until the server stops.</summary>
    [JobDisplayName("probe {0}")]
    public static async Task Hold(string name, CancellationToken ct)
    {
        Run(name);
        await Task.Delay(Timeout.Infinite, ct);
    }
}
