using System.Net.Http.Json;
using Rockstor.Testing;
using static Rockstor.EndToEnd.Requests;

namespace Rockstor.EndToEnd;

/// <summary>One appliance set up through the API with an image pool, and the browser.</summary>
public sealed class ApplianceWithAPool : IAsyncLifetime
{
    public const string Password = "correct-horse";

    public ApplianceProcess Appliance { get; } = new();

    public Browser Browser { get; } = new();

    public HttpClient Api { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Appliance.StartAsync(), Browser.InitializeAsync());
        Api = await Appliance.SetUpAndLogInAsync(password: Password);
        await Ok(Api.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 1 }));
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Api?.Dispose();
        Appliance.Dispose();
    }
}
