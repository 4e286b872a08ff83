using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Hosting;

public sealed class HostTests
{
    [Fact(Timeout = 180_000)]
    public async Task After_a_crash_and_reboot_the_appliance_keeps_its_identity_and_mounts_its_pools_again()
    {
        using var appliance = new ApplianceProcess();
        await appliance.StartAsync();
        string id;
        JsonElement pool;
        using (var admin = await appliance.SetUpAndLogInAsync())
        {
            id = (await admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("id").GetString()!;
            pool = await (await admin.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 1 })).Content.ReadFromJsonAsync<JsonElement>();
            (await admin.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "docs" })).EnsureSuccessStatusCode();
        }

        appliance.Kill();
        var mountPoint = pool.GetProperty("mountPoint").GetString()!;
        Sandbox.Run("umount", mountPoint);
        Sandbox.Run("losetup", "-d", pool.GetProperty("devices")[0].GetString()!);
        await appliance.StartAsync();

        using var again = await appliance.LogInAsync();
        Assert.Equal(id, (await again.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("id").GetString());
        var pools = await again.GetFromJsonAsync<JsonElement>("/api/pools");
        Assert.True(pools[0].GetProperty("mounted").GetBoolean(), appliance.Log);
        var shares = await again.GetFromJsonAsync<JsonElement>("/api/shares");
        Assert.Equal("docs", shares[0].GetProperty("name").GetString());
        Assert.True(Directory.Exists(Path.Combine(mountPoint, "docs")));
    }

    [Fact(Timeout = 180_000)]
    public async Task Two_appliances_run_side_by_side_with_their_own_data_mounts_ports_and_certificates()
    {
        using var first = new ApplianceProcess(new Dictionary<string, string> { ["Rockstor__ApplianceId"] = "0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b" });
        using var second = new ApplianceProcess(new Dictionary<string, string> { ["Rockstor__ApplianceId"] = "123e4567e89b12d3a456426614174000" });
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        using var a = await first.SetUpAndLogInAsync(hostname: "source");
        using var b = await second.SetUpAndLogInAsync(hostname: "destination");

        Assert.Equal(HttpStatusCode.Created, (await a.PostAsJsonAsync("/api/pools", new { name = "p", imageSizeGiB = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/pools", new { name = "p", imageSizeGiB = 1 })).StatusCode);

        var appliances = new[] { await a.GetFromJsonAsync<JsonElement>("/api/appliance"), await b.GetFromJsonAsync<JsonElement>("/api/appliance") };
        Assert.Equal(["0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b", "123e4567e89b12d3a456426614174000"], appliances.Select(x => x.GetProperty("id").GetString()));
        Assert.Equal(["source", "destination"], appliances.Select(x => x.GetProperty("hostname").GetString()));
        Assert.StartsWith(first.Sandbox.MountRoot, (await a.GetFromJsonAsync<JsonElement>("/api/pools"))[0].GetProperty("mountPoint").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(second.Sandbox.MountRoot, (await b.GetFromJsonAsync<JsonElement>("/api/pools"))[0].GetProperty("mountPoint").GetString(), StringComparison.Ordinal);

        var certificates = new[] { first, second }
            .Select(x => X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(x.Sandbox.DataDirectory, "tls", "appliance.pfx"), null))
            .ToList();
        Assert.NotEqual(certificates[0].Thumbprint, certificates[1].Thumbprint);
        Assert.Equal(certificates[0].Thumbprint, await ServedThumbprintAsync(first));
    }


    private static async Task<string> ServedThumbprintAsync(ApplianceProcess appliance)
    {
        string? thumbprint = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                thumbprint = certificate?.Thumbprint;
                return true;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = appliance.BaseAddress };
        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();
        return thumbprint!;
    }
}
