namespace Rockstor.Testing;

/// <summary>Waiting for something another process does.</summary>
public static class Waiting
{
    /// <summary>Runs the assertion until it passes; after <paramref name="within"/> (default 10 s), its last failure is thrown.</summary>
    public static async Task UntilAsync(Func<Task> assertion, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
#pragma warning disable CA1031 // Any failure of the assertion means "not yet" until the deadline.
            catch (Exception) when (DateTime.UtcNow < deadline)
#pragma warning restore CA1031
            {
                await Task.Delay(200);
            }
        }
    }

    public static Task UntilAsync(Action assertion, TimeSpan? within = null) => UntilAsync(
        () =>
        {
            assertion();
            return Task.CompletedTask;
        },
        within);
}
