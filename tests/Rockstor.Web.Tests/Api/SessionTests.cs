using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using Xunit.Abstractions;

namespace Rockstor.Web.Tests.Api;

/// <summary>Logins end: logging out and changing the password revoke what was issued before; sessions have an absolute lifetime.</summary>
public sealed class SessionTests(ITestOutputHelper output)
{
    private const string Password = "correct-horse";

    [Fact(Timeout = 180_000)]
    public async Task An_unknown_user_name_takes_as_long_to_refuse_as_a_wrong_password()
    {
        using var appliance = await StartAsync();
        (await appliance.SetUpAndLogInAsync(password: Password)).Dispose();
        using var client = appliance.CreateClient();

        async Task<double> RefusalAsync(string username)
        {
            var watch = Stopwatch.StartNew();
            var answer = await client.PostAsJsonAsync("/api/auth/token", new { username, password = "wrong-horse" });
            watch.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        await RefusalAsync("admin");
        await RefusalAsync("nobody");
        var wrongPassword = new List<double>();
        var unknownUser = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            wrongPassword.Add(await RefusalAsync("admin"));
            unknownUser.Add(await RefusalAsync($"nobody{i}"));
        }

        var (wrong, unknown) = (Median(wrongPassword), Median(unknownUser));
        output.WriteLine($"medians of 9: unknown user {unknown:F1} ms, wrong password {wrong:F1} ms");
        Assert.True(unknown >= 0.5 * wrong, $"unknown user {unknown:F1} ms, wrong password {wrong:F1} ms (medians of 9)");
    }

    private static async Task<ApplianceProcess> StartAsync(Dictionary<string, string>? settings = null)
    {
        var appliance = new ApplianceProcess(settings);
        try
        {
            await appliance.StartAsync();
            return appliance;
        }
        catch
        {
            appliance.Dispose();
            throw;
        }
    }

    /// <summary>A client that sends exactly this Cookie header and keeps no cookies of its own.</summary>
    private static HttpClient WithCookie(ApplianceProcess appliance, string cookie)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        var client = new HttpClient(handler) { BaseAddress = appliance.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
