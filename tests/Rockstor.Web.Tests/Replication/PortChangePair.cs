using System.Net.Http.Json;
using System.Text.Json;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// The <see cref="PairWithATask"/> the tests of <see cref="ReplicationPortChangeTests"/> share, with the port its
/// destination listens on for replication when it starts (each test puts it back after).
/// </summary>
public sealed class PortChangePair : IAsyncLifetime
{
    public const string SourceId = "5a1b2c3d4e5f40718293a4b5c6d7e8f9";
    public const string DestinationId = "6b2c3d4e5f60718293a4b5c6d7e8f90a";

    public PairWithATask Setup { get; } = new(SourceId, DestinationId);

    /// <summary>The destination's replication port when the pair was set up.</summary>
    public int DestinationPort { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            await Setup.StartAsync();
            DestinationPort = (await Setup.Pair.B.GetFromJsonAsync<JsonElement>("/api/services/replication")).GetProperty("port").GetInt32();
        }
        catch
        {
            Setup.Dispose(); // xUnit does not dispose a fixture whose set-up failed
            throw;
        }
    }

    public Task DisposeAsync()
    {
        Setup.Dispose();
        return Task.CompletedTask;
    }
}
