using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Rockstor.Infrastructure.Jobs.LiteDb;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Jobs.LiteDb;

/// <summary>Jobs in every state on the LiteDB job storage, and the Hangfire dashboard over it on a real Kestrel host.</summary>
public sealed class DashboardHost : IAsyncLifetime
{
    private readonly Sandbox _sandbox = new();
    private readonly int _port = ApplianceProcess.FreePort();
    private LiteDbJobStorage _storage = default!;
    private WebApplication _host = default!;
    private BackgroundJobServer _server = default!;
    private HttpClient _client = default!;

    public LiteDbJobStorage Storage => _storage;

    public HttpClient Client => _client;

    public string Succeeded { get; private set; } = "";

    public async Task InitializeAsync()
    {
        HangfireGlobals.Forget(); // an earlier test's container may have made Hangfire's logger its own
        _storage = new LiteDbJobStorage(Path.Combine(_sandbox.DataDirectory, LiteDbJobStorage.FileName));
        var client = new BackgroundJobClient(_storage);
        for (var i = 0; i < 2; i++)
        {
            client.Enqueue(() => Probe.Named($"enqueued-{i}"));
        }

        var parent = client.Schedule(() => Probe.Named("scheduled-0"), TimeSpan.FromHours(1));
        client.ContinueJobWith(parent, () => Probe.Named("awaiting-0"));
        var processing = client.Create(Job.FromExpression(() => Probe.Hold("processing-0", CancellationToken.None)), new EnqueuedState("elsewhere"));
        Succeeded = client.Create(Job.FromExpression(() => Probe.Named("succeeded-0")), new SucceededState(null, 5, 20));
        for (var i = 0; i < 3; i++)
        {
            client.Create(Job.FromExpression(() => Probe.Once($"failed-{i}")), new FailedState(new InvalidOperationException("broken on purpose")));
        }

        client.Create(Job.FromExpression(() => Probe.Named("deleted-0")), new DeletedState());
        new RecurringJobManager(_storage).AddOrUpdate("nightly", () => Probe.Named("recurring-0"), "0 3 * * *");

        // A server on a queue of its own, so the jobs above stay as they are, but for the one it holds.
        _server = new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = "dashboard-test", Queues = ["elsewhere"], WorkerCount = 1 }, _storage);
        using (var connection = _storage.GetConnection())
        {
            await Waiting.UntilAsync(() => Assert.Equal(ProcessingState.StateName, connection.GetStateData(processing)?.Name), TimeSpan.FromSeconds(20));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Services.AddHangfire(configuration => configuration.UseStorage(_storage));
        _host = builder.Build();
        _host.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [] }, _storage);
        await _host.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();

            HangfireGlobals.Forget(); // AddHangfire made this host's loggers and services Hangfire's, process-wide
        }

        _server?.Dispose();
        _storage?.Dispose();
        _sandbox.Dispose();
    }
}
