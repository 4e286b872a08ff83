using System.Diagnostics;

namespace Rockstor.Testing;

/// <summary>
/// Waiting for something another process, thread or timer does: the one place tests poll. An assertion
/// (anything that throws when it does not hold) is tried again every <see cref="Every"/> until it passes;
/// after the time given, its last failure is thrown as it is. Deadlines are on the monotonic clock, so a
/// change of the machine's time neither cuts a wait short nor makes it endless.
/// </summary>
public static class Waiting
{
    /// <summary>How long a wait lasts when the caller does not say.</summary>
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(10);

    /// <summary>The pause between two tries.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the assertion until it passes and returns what it returned; after <paramref name="within"/> (default 10 s), its last failure is thrown.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> assertion, TimeSpan? within = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var limit = within ?? DefaultWithin;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await assertion();
            }
#pragma warning disable CA1031 // Any failure of the assertion means "not yet" until the deadline.
            catch (Exception) when (waited.Elapsed < limit && !ct.IsCancellationRequested)
#pragma warning restore CA1031
            {
                await Task.Delay(Every, ct);
            }
        }
    }

    public static Task<T> UntilAsync<T>(Func<T> assertion, TimeSpan? within = null, CancellationToken ct = default) =>
        UntilAsync(() => Task.FromResult(assertion()), within, ct);

    public static Task UntilAsync(Func<Task> assertion, TimeSpan? within = null, CancellationToken ct = default) =>
        UntilAsync(
            async () =>
            {
                await assertion();
                return true;
            },
            within,
            ct);

    public static Task UntilAsync(Action assertion, TimeSpan? within = null, CancellationToken ct = default) =>
        UntilAsync(
            () =>
            {
                assertion();
                return true;
            },
            within,
            ct);

    /// <summary>
    /// Checks that the assertion holds all through <paramref name="during"/>, every <see cref="Every"/>, and
    /// throws its first failure at once: for "nothing happens", where no later event can say that the
    /// moment has passed.
    /// </summary>
    public static async Task ThroughoutAsync(Func<Task> assertion, TimeSpan during, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await assertion();
            var left = during - waited.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < Every ? left : Every, ct);
        }
    }

    public static Task ThroughoutAsync(Action assertion, TimeSpan during, CancellationToken ct = default) =>
        ThroughoutAsync(
            () =>
            {
                assertion();
                return Task.CompletedTask;
            },
            during,
            ct);
}
