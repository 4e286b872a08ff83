using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>One appliance, set up, shared by the tests of a class; each test uses names of its own.</summary>
public class ApplianceFixture : IAsyncLifetime
{
    /// <summary>A snapshot schedule's minute lasts 2 seconds here, so a test sees its runs and thinning in seconds.</summary>
    public ApplianceFixture()
        : this(new Dictionary<string, string> { ["Rockstor__SnapshotScheduleSecondsPerMinute"] = "2" })
    {
    }

    /// <summary>An appliance with these settings instead, for a class that needs others.</summary>
    protected ApplianceFixture(IReadOnlyDictionary<string, string> settings) => Appliance = new ApplianceProcess(settings);

    public ApplianceProcess Appliance { get; }

    public HttpClient Admin { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        try
        {
            await Appliance.StartAsync();
            Admin = await Appliance.SetUpAndLogInAsync();
        }
        catch
        {
            await DisposeAsync(); // what a failed set-up made goes at once; xUnit disposing it again is harmless
            throw;
        }
    }

    public Task DisposeAsync()
    {
        CleanUp.All(() => Admin?.Dispose(), Appliance.Dispose);
        return Task.CompletedTask;
    }
}
