using Microsoft.Playwright;

namespace Rockstor.EndToEnd;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium), headless, driven by Playwright; nothing is downloaded. Each test
/// page has a context of its own (its own cookies), accepting the appliances' self-signed certificates.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium (scripts/prerequisites.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,

            // As root in a container: no sandbox; and no calls home, which this machine's closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Log.Enqueue($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Log.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) => Log.Enqueue($"request failed: {request.Method} {request.Url} {request.Failure}");
        return page;
    }

    /// <summary>What the pages said went wrong (console errors, failed requests), for a failing test's message.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
