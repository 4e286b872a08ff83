using Microsoft.Playwright;

namespace Rockstor.Testing;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium), headless, driven by Playwright; nothing is downloaded. Shared by
/// the browser tests and the screen benchmark.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: apt-get install chromium (scripts/prerequisites.sh does).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Path,
                Headless = true,

                // As root in a container: no sandbox; and no calls home, which this machine's closed network refuses.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page in a context of its own (its own cookies) that accepts the appliances' self-signed certificates.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }
}
