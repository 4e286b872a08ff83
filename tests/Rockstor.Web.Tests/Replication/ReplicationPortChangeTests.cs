using System.Net.Http.Json;
using System.Text.Json;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// The destination moves its replication listener to another port; its source is told and replicates there.
/// The tests share one pair: after each, the source runs again and the destination is back on its own port.
/// </summary>
public sealed class ReplicationPortChangeTests(PortChangePair fixture) : IClassFixture<PortChangePair>, IAsyncLifetime
{
    private readonly PairWithATask _setup = fixture;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Runs after every test, passed or failed: the source started again if it was killed, then the destination moved back to its own port and the source told.</summary>
    public async Task DisposeAsync()
    {
        var pair = _setup.Pair;
        await pair.StartWhatStoppedAsync();
        var back = await Ok(pair.B.PutAsJsonAsync("/api/services/replication", new { port = fixture.DestinationPort }));
        Assert.All(back.GetProperty("peers").EnumerateArray(), peer => Assert.True(peer.GetProperty("told").GetBoolean(), peer.ToString()));
    }

    [Fact(Timeout = 400_000)]
    public async Task The_source_is_told_of_the_destination_s_new_port_and_its_next_run_succeeds_there()
    {
        _setup.AssertSucceeded(_setup.FirstRun);
        var pair = _setup.Pair;
        var oldPort = (await _setup.TaskAsync()).GetProperty("port").GetInt32();
        var pid = pair.Destination.ProcessId;
        const int newPort = 10112;

        var change = await Ok(pair.B.PutAsJsonAsync("/api/services/replication", new { port = newPort }));

        var told = Assert.Single(change.GetProperty("peers").EnumerateArray());
        Assert.Equal(("source", true), (told.GetProperty("hostname").GetString(), told.GetProperty("told").GetBoolean()));
        Assert.Equal(pid, pair.Destination.ProcessId);
        Assert.False(await pair.Destination.AcceptsConnectionsAsync(oldPort));
        var destination = (await pair.A.GetFromJsonAsync<JsonElement>("/api/appliances")).EnumerateArray().Single();
        Assert.Equal(newPort, destination.GetProperty("replicationPort").GetInt32());
        Assert.Equal(newPort, (await _setup.TaskAsync()).GetProperty("port").GetInt32());
        File.WriteAllText(Path.Combine(pair.Source.Sandbox.MountRoot, PairWithATask.Pool, PairWithATask.Share, "b.txt"), "second");

        _setup.AssertSucceeded(await _setup.RunAsync());
    }

    [Fact(Timeout = 400_000)]
    public async Task A_source_that_cannot_be_reached_is_named_to_be_told_by_hand()
    {
        _setup.Pair.Source.Kill();

        var change = await Ok(_setup.Pair.B.PutAsJsonAsync("/api/services/replication", new { port = 10113 }));

        var untold = Assert.Single(change.GetProperty("peers").EnumerateArray());
        Assert.Equal(("source", false), (untold.GetProperty("hostname").GetString(), untold.GetProperty("told").GetBoolean()));
        Assert.Contains("Could not reach source: tell them by hand", change.GetProperty("notice").GetString(), StringComparison.Ordinal);
        Assert.True(await _setup.Pair.Destination.AcceptsConnectionsAsync(10113));
    }
}
