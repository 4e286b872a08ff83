namespace Rockstor.Domain.Shares;

/// <summary>
/// Changes to one file server's exports and settings, one at a time. Inside the gate the configuration
/// is built from the store as it is now and the server takes it; only then is the change stored. If
/// storing fails, the server gets the stored configuration back, so the two never part.
/// </summary>
public sealed class ExportChangeGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <param name="apply">Builds the new configuration from the store and has the server take it (a refusal throws and nothing is stored).</param>
    /// <param name="save">Stores the change.</param>
    /// <param name="restore">Has the server take the stored configuration again.</param>
    /// <param name="ct">Ends the wait for the gate.</param>
    public async Task ChangeAsync(Func<Task> apply, Action save, Func<Task> restore, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await apply().ConfigureAwait(false);
            try
            {
                save();
            }
            catch
            {
                await restore().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
