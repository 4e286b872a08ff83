using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Accounts;

/// <summary>A connection that stays open (the replication hub) ends with its login, not only new requests.</summary>
public sealed class LiveSessionTests
{
    private const string Password = "correct-horse";

    [Fact(Timeout = 120_000)]
    public async Task An_open_hub_connection_closes_when_the_admin_logs_out_elsewhere()
    {
        using var appliance = new ApplianceProcess();
        await appliance.StartAsync();
        using var script = await appliance.SetUpAndLogInAsync(password: Password);
        await using var hub = Hub(appliance, script.DefaultRequestHeaders.Authorization!.Parameter!);
        var closed = Closed(hub);
        await hub.StartAsync();
        using var browser = await appliance.LogInWithFormAsync(password: Password);
        await Waiting.ThroughoutAsync(() => Assert.Equal(HubConnectionState.Connected, hub.State), TimeSpan.FromMilliseconds(500));

        using var logout = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/logout", UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        logout.Headers.Add("Origin", appliance.Origin);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(logout)).StatusCode);

        await closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_open_hub_connection_closes_at_the_end_of_its_login_s_absolute_lifetime()
    {
        var lifetime = TimeSpan.FromSeconds(8);
        using var appliance = new ApplianceProcess(new Dictionary<string, string> { ["Rockstor__SessionLifetime"] = lifetime.ToString() });
        await appliance.StartAsync();
        var loggedIn = Stopwatch.StartNew();
        using var script = await appliance.SetUpAndLogInAsync(password: Password);
        await using var hub = Hub(appliance, script.DefaultRequestHeaders.Authorization!.Parameter!);
        var closed = Closed(hub);
        await hub.StartAsync();

        await closed.WaitAsync(lifetime + TimeSpan.FromSeconds(10));
        Assert.True(loggedIn.Elapsed >= lifetime - TimeSpan.FromSeconds(1), $"closed after {loggedIn.Elapsed}");
    }

    private static HubConnection Hub(ApplianceProcess appliance, string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(appliance.BaseAddress, "/hubs/replication"), options =>
        {
            options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            options.HttpMessageHandlerFactory = handler =>
            {
                if (handler is HttpClientHandler http)
                {
                    http.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
                }

                return handler;
            };
            options.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        })
        .Build();

    private static Task Closed(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
