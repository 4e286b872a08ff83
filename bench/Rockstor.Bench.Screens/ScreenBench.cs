using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Infrastructure;
using Rockstor.Testing;

namespace Rockstor.Bench.Screens;

public sealed record BenchSettings(int Snapshots, int Tasks, int TrailRows, int Repeat);

/// <summary>Fills a source appliance with snapshots, tasks and trails, then times its screens in Chromium.</summary>
public sealed class ScreenBench(BenchSettings settings, ApplianceProcess source, ApplianceProcess target, CancellationToken ct)
{
    private const string Password = "bench-password";
    private const string Pool = "tank";

    /// <summary>Sets up and pairs the two, makes the shares, tasks and snapshots, and writes the trails.</summary>
    public async Task SeedAsync()
    {
        Step("Starting two appliances");
        await Task.WhenAll(source.StartAsync(), target.StartAsync());
        using (var api = await source.SetUpAndLogInAsync(password: Password, hostname: "source"))
        using (var other = await target.SetUpAndLogInAsync(password: Password, hostname: "target"))
        {
            await Ok(other.PostAsJsonAsync("/api/pools", new { name = "backup", imageSizeGiB = 1 }, ct));
            var fingerprint = (await other.GetFromJsonAsync<JsonElement>("/api/appliance", ct)).GetProperty("certificateFingerprint").GetString();
            await Ok(api.PostAsJsonAsync("/api/appliances", new { host = target.Address, mgmtPort = target.Port, username = "admin", password = Password, fingerprint }, ct));
            await Ok(api.PostAsJsonAsync("/api/pools", new { name = Pool, imageSizeGiB = 4 }, ct));

            Step($"Making {settings.Tasks} shares, each with a (disabled) replication task");
            for (var i = 1; i <= settings.Tasks; i++)
            {
                await Ok(api.PostAsJsonAsync("/api/shares", new { pool = Pool, name = Share(i) }, ct));
                await Ok(api.PostAsJsonAsync(
                    "/api/replication/tasks",
                    new { share = Share(i), targetPool = "backup", frequencyMinutes = 60, keep = 50, enabled = false },
                    ct));
            }
        }

        Step($"Taking {settings.Snapshots} snapshots with btrfs");
        await SnapshotAsync();

        // The store is one LiteDB file the appliance holds open; the trails are written while it is stopped.
        Step($"Writing {settings.TrailRows} trail rows for each task");
        source.Kill();
        WriteTrails();
        await source.StartAsync();

        using var client = await source.LogInAsync(password: Password);
        var watch = Stopwatch.StartNew();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/snapshots?take=1", ct);
        Console.WriteLine($"  the first listing read {page.GetProperty("total").GetInt32()} snapshots from btrfs into the store in {watch.ElapsedMilliseconds} ms");
    }

    /// <summary>Opens each screen <see cref="BenchSettings.Repeat"/> times and prints the times.</summary>
    public async Task MeasureAsync()
    {
        using var client = await source.LogInAsync(password: Password);
        var tasks = await client.GetFromJsonAsync<JsonElement>("/api/replication/tasks", ct);
        var middle = tasks.EnumerateArray().ElementAt(tasks.GetArrayLength() / 2).GetProperty("id").GetInt32();

        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await Chromium.NewPageAsync(browser);
            await page.AddInitScriptAsync(SocketClock);
            await page.GotoAsync(new Uri(source.BaseAddress, "/login").ToString());
            await page.GetByLabel("Username").FillAsync("admin");
            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await page.Locator(".mud-navmenu").First.WaitForAsync();

            Screen[] screens =
            [
                new("Snapshots", "/storage/snapshots", "tr[data-snapshot]", Math.Min(settings.Snapshots, Web.Components.Pages.Storage.Snapshots.PageSize)),
                new("  + sizes", "/storage/snapshots", "td[data-size]:not(:empty)", Math.Min(settings.Snapshots, Web.Components.Pages.Storage.Snapshots.PageSize)),
                new("Send", "/storage/replication/send", "tr.task-row", Math.Min(settings.Tasks, Web.Components.Replication.ReplicationScreens.PageSize)),
                new("Send trail", $"/storage/replication/send/{middle}", "tr.attempt-row", Math.Min(settings.TrailRows, Web.Components.Replication.TrailTable.PageSize)),
            ];

            Console.WriteLine();
            Console.WriteLine($"{settings.Snapshots} snapshots, {settings.Tasks} tasks with {settings.TrailRows} trail rows each; each screen opened {settings.Repeat} times.");
            Console.WriteLine("Server: from the navigation's first message leaving the browser to the last message that came");
            Console.WriteLine("before the rows showed (the server's work and the loopback both ways). In all: from asking the app");
            Console.WriteLine("to open the screen until its rows are in the page. \"first\" is the first opening after the appliance");
            Console.WriteLine("started (code not yet compiled). Goal: the server's part under 300 ms.");
            Console.WriteLine();
            Console.WriteLine($"{"",-12} {"",5}  {"server (socket out to batch in)",-29}  {"in all (until the rows show)",-29}");
            Console.WriteLine($"{"screen",-12} {"rows",5}  {"first",9}{"median",10}{"max",10}  {"first",9}{"median",10}{"max",10}");
            foreach (var screen in screens)
            {
                var times = new List<Timing>();
                for (var i = 0; i < settings.Repeat; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    await LeaveAsync(page, screen.Rows);
                    times.Add(await OpenAsync(page, screen.Path, screen.Rows, screen.Expected));
                }

                Console.WriteLine($"{screen.Name,-12} {screen.Expected,5}  {Summary(times.Select(t => t.Server).ToList())}  {Summary(times.Select(t => t.Total).ToList())}");
            }

            await CheckTotalsAsync(page);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static string Share(int i) => $"share{i:000}";

    /// <summary>First, median and max, in milliseconds.</summary>
    private static string Summary(List<double> times)
    {
        var sorted = times.Order().ToList();
        return $"{Ms(times[0]),9}{Ms(sorted[sorted.Count / 2]),10}{Ms(sorted[^1]),10}";
    }

    private static string Ms(double milliseconds) => $"{milliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";

    private static void Step(string what) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {what}...");

    /// <summary>
    /// Notes when the page's socket (the circuit's) sends and receives, so a measurement can tell the
    /// server's part: from the navigation leaving the browser to the render batch arriving.
    /// </summary>
    private const string SocketClock =
        """
        (() => {
          const Native = window.WebSocket;
          window.__socket = { sent: [], received: [] };
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              this.addEventListener('message', () => window.__socket.received.push(performance.now()));
            }
            send(data) {
              window.__socket.sent.push(performance.now());
              super.send(data);
            }
          };
        })();
        """;

    /// <summary>
    /// Navigates inside the running app and times, in the page, until the rows are there: in all, and
    /// from the first message the navigation sent to the last message received before the rows showed.
    /// </summary>
    private static async Task<Timing> OpenAsync(IPage page, string path, string rows, int expected)
    {
        var times = await page.EvaluateAsync<double[]>(
            """
            async ([path, rows, expected]) => {
              const ready = () => location.pathname === path && document.querySelectorAll(rows).length >= expected;
              const sentBefore = window.__socket.sent.length;
              const start = performance.now();
              Blazor.navigateTo(path);
              await new Promise((resolve, reject) => {
                if (ready()) { resolve(); return; }
                const observer = new MutationObserver(() => {
                  if (ready()) { observer.disconnect(); clearTimeout(timer); resolve(); }
                });
                const timer = setTimeout(() => {
                  observer.disconnect();
                  reject(new Error(`${path}: ${document.querySelectorAll(rows).length} of ${expected} rows after 60 s`));
                }, 60000);
                observer.observe(document.body, { childList: true, subtree: true });
              });
              const end = performance.now();
              const sent = window.__socket.sent[sentBefore];
              const received = window.__socket.received.filter(t => t <= end).at(-1);
              return [end - start, sent !== undefined && received > sent ? received - sent : -1];
            }
            """,
            new object[] { path, rows, expected });
        return new Timing(times[0], times[1]);
    }

    /// <summary>Goes to the Services screen and waits until it shows and the measured rows are gone.</summary>
    private static async Task LeaveAsync(IPage page, string rows)
    {
        await page.EvaluateAsync("() => Blazor.navigateTo('/system/services')");
        await page.WaitForFunctionAsync(
            "rows => document.querySelector('h1')?.textContent.trim() === 'Services' && document.querySelectorAll(rows).length === 0",
            rows);
    }

    /// <summary>The screens show what was made (so the times are of the full store, not an empty one).</summary>
    private async Task CheckTotalsAsync(IPage page)
    {
        await OpenAsync(page, "/storage/snapshots", "tr[data-snapshot]", 1);
        await page.GetByText($"{settings.Snapshots} snapshot(s)").WaitForAsync();
        await OpenAsync(page, "/storage/replication/send", "tr.task-row", 1);
        await page.GetByText($"{settings.Tasks} task(s)").WaitForAsync();
    }

    private async Task SnapshotAsync()
    {
        var pool = Path.Combine(source.Sandbox.MountRoot, Pool);
        var script = new StringBuilder("set -e\n");
        for (var i = 0; i < settings.Snapshots; i++)
        {
            var share = Share((i % settings.Tasks) + 1);
            var folder = Path.Combine(pool, ".snapshots", share);
            if (i < settings.Tasks)
            {
                script.Append(CultureInfo.InvariantCulture, $"mkdir -p '{folder}'\n");
            }

            script.Append(CultureInfo.InvariantCulture, $"btrfs -q subvolume snapshot -r '{Path.Combine(pool, share)}' '{folder}/{share}_{i / settings.Tasks:00000}' >/dev/null\n");
        }

        var file = Path.Combine(source.Sandbox.Root, "snapshots.sh");
        await File.WriteAllTextAsync(file, script.ToString(), ct);
        using var bash = Process.Start("bash", file);
        try
        {
            await bash.WaitForExitAsync(ct);
        }
        finally
        {
            if (!bash.HasExited)
            {
                bash.Kill(entireProcessTree: true);
                await bash.WaitForExitAsync(CancellationToken.None);
            }
        }

        if (bash.ExitCode != 0)
        {
            throw new InvalidOperationException($"Taking the snapshots failed ({bash.ExitCode}).");
        }
    }

    /// <summary>Attempts as runs leave them: mostly succeeded, some failed; task by task in turn, an hour apart.</summary>
    private void WriteTrails()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rockstor:DataDirectory"] = source.Sandbox.DataDirectory,
                ["Rockstor:MountRoot"] = source.Sandbox.MountRoot,
            })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddRockstorInfrastructure()
            .BuildServiceProvider();
        var trails = services.GetRequiredService<ITrailRepository>();
        var ids = services.GetRequiredService<IReplicationTaskRepository>().List().Select(t => t.Id).ToList();
        var first = DateTimeOffset.UtcNow.AddHours(-settings.TrailRows);
        for (var run = 0; run < settings.TrailRows; run++)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var id in ids)
            {
                var started = first.AddHours(run).AddSeconds(id);
                var failed = run % 10 == 7;
                trails.Save(TrailSide.Send, new Attempt
                {
                    OwnerId = id,
                    StartedAt = started,
                    EndedAt = started.AddSeconds(failed ? 95 : 12),
                    Status = failed ? AttemptStatus.Failed : AttemptStatus.Succeeded,
                    Snapshot = $"task{id}_{run:00000}",
                    Parent = run == 0 ? null : $"task{id}_{run - 1:00000}",
                    Bytes = failed ? 0 : 4_000_000 + (run * 1_000),
                    StreamBytes = failed ? 0 : 5_000_000 + (run * 1_000),
                    ExpectedBytes = 5_000_000,
                    BytesPerSecond = failed ? 0 : 400_000,
                    Error = failed ? "target could not be reached: Connection refused (after 6 tries)" : null,
                });
            }
        }
    }

    private async Task Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    private sealed record Timing(double Total, double Server);

    private sealed record Screen(string Name, string Path, string Rows, int Expected);
}
