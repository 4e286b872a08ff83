using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>One appliance, set up, shared by the tests of a class; each test uses names of its own.</summary>
public sealed class ApplianceFixture : IAsyncLifetime
{
    /// <summary>A snapshot schedule's minute lasts 2 seconds here, so a test sees its runs and thinning in seconds.</summary>
    public ApplianceProcess Appliance { get; } = new(new Dictionary<string, string> { ["Rockstor__SnapshotScheduleSecondsPerMinute"] = "2" });

    public HttpClient Admin { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Appliance.StartAsync();
        Admin = await Appliance.SetUpAndLogInAsync();
    }

    public Task DisposeAsync()
    {
        Admin?.Dispose();
        Appliance.Dispose();
        return Task.CompletedTask;
    }
}
