using System.Net.Http.Json;
using System.Text.Json;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// The <see cref="PairWithATask"/> the tests of <see cref="ReplicationPortChangeTests"/> share, with the port its
/// destination listens on for replication when it starts (each test puts it back after).
/// </summary>
public sealed class PortChangePair() : PairWithATask("5a1b2c3d4e5f40718293a4b5c6d7e8f9", "6b2c3d4e5f60718293a4b5c6d7e8f90a")
{
    /// <summary>The destination's replication port when the pair was set up.</summary>
    public int DestinationPort { get; private set; }

    protected override async Task StartAsync()
    {
        await base.StartAsync();
        DestinationPort = (await Pair.B.GetFromJsonAsync<JsonElement>("/api/services/replication")).GetProperty("port").GetInt32();
    }
}
