using static Rockstor.Web.Tests.Api.PairingRequests;

namespace Rockstor.Web.Tests.Api;

/// <summary>
/// Two real appliances, each on a host of its own, shared by the tests of a class: <see cref="UnpairAsync"/>
/// brings them back to knowing nothing of each other before each test.
/// </summary>
public sealed class PairingHosts : IAsyncLifetime
{
    public const string SourceId = "0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b";
    public const string DestinationId = "123e4567e89b12d3a456426614174000";

    public AppliancePair Pair { get; } = new(SourceId, DestinationId);

    public async Task InitializeAsync()
    {
        try
        {
            await Pair.StartAsync();
        }
        catch
        {
            Pair.Dispose(); // what a failed set-up made goes at once; xUnit disposing it again is harmless
            throw;
        }
    }

    /// <summary>Removes every pairing on either side (removed on one side, it is removed on the other), and checks none is left.</summary>
    public async Task UnpairAsync()
    {
        foreach (var admin in new[] { Pair.A, Pair.B })
        {
            foreach (var appliance in await ListAsync(admin))
            {
                (await admin.DeleteAsync(new Uri($"/api/appliances/{Id(appliance)}", UriKind.Relative))).EnsureSuccessStatusCode();
            }
        }

        Assert.Empty(await ListAsync(Pair.A));
        Assert.Empty(await ListAsync(Pair.B));
    }

    public Task DisposeAsync()
    {
        Pair.Dispose();
        return Task.CompletedTask;
    }
}
