using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.EndToEnd.Pages;
using Rockstor.Testing;
using static Microsoft.Playwright.Assertions;
using static Rockstor.EndToEnd.Requests;

namespace Rockstor.EndToEnd;

/// <summary>One appliance with a raid1 pool on two loop disks and a spare disk, and the browser.</summary>
public sealed class ApplianceWithDisks : IAsyncLifetime
{
    public const string Password = "correct-horse";

    public ApplianceProcess Appliance { get; } = new();

    public Browser Browser { get; } = new();

    public HttpClient Api { get; private set; } = default!;

    public IReadOnlyList<string> Disks { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Appliance.StartAsync(), Browser.InitializeAsync());
        Api = await Appliance.SetUpAndLogInAsync(password: Password);
        Disks = [Appliance.Sandbox.AttachLoopDisk(), Appliance.Sandbox.AttachLoopDisk(), Appliance.Sandbox.AttachLoopDisk()];
        await Ok(Api.PostAsJsonAsync("/api/pools", new { name = "tank", raidLevel = "raid1", devices = Disks.Take(2) }));
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Api?.Dispose();
        Appliance.Dispose();
    }
}

/// <summary>A pool's disks looked after in Chromium.</summary>
public sealed class PoolCareTests(ApplianceWithDisks one) : IClassFixture<ApplianceWithDisks>
{
    [Fact(Timeout = 180_000)]
    public async Task A_disk_is_replaced_from_the_pool_page_by_clicking_and_the_page_follows_it_to_the_end()
    {
        var (old, kept, spare) = (one.Disks[0], one.Disks[1], one.Disks[2]);
        var file = Path.Combine(one.Appliance.Sandbox.MountRoot, "tank", "kept.bin");
        var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32 << 20);
        await File.WriteAllBytesAsync(file, content);
        var shell = new Shell(await one.Browser.NewPageAsync());
        await new AccountPages(shell.Page, one.Appliance.BaseAddress).LogInAsync(ApplianceWithDisks.Password);
        var pool = new PoolPage(shell);
        await pool.OpenAsync("tank");
        await Expect(pool.Disks).ToContainTextAsync(old);

        await pool.ReplaceAsync(old, spare);

        await Expect(pool.History).ToContainTextAsync("finished", new() { Timeout = 60_000 });
        await Expect(pool.History).ToContainTextAsync($"took the old disk's place");
        await Expect(pool.Disks).ToContainTextAsync(spare);
        await Expect(pool.Disks).Not.ToContainTextAsync(old);
        await shell.ScreenshotAsync("pool-replaced");
        var row = (await one.Api.GetFromJsonAsync<JsonElement>("/api/pools")).EnumerateArray().Single();
        Assert.Equal([spare, kept], row.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(content, await File.ReadAllBytesAsync(file));
        Assert.Empty(one.Browser.PolicyViolations);
    }
}
