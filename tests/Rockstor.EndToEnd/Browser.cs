using Microsoft.Playwright;
using Rockstor.Testing;

namespace Rockstor.EndToEnd;

/// <summary>The browser for a test class (see <see cref="Chromium"/>), with what its pages report going wrong.</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    public async Task<IPage> NewPageAsync()
    {
        var page = await Chromium.NewPageAsync(_browser!);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Log.Enqueue($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Log.Enqueue($"page error: {error}");

        // Chromium logs a blocked script or style as a console error; the event also names what the policy refused.
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')))");
        page.RequestFailed += (_, request) => Log.Enqueue($"request failed: {request.Method} {request.Url} {request.Failure}");
        return page;
    }

    /// <summary>What the pages said went wrong (console errors, failed requests), for a failing test's message.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    /// <summary>What the appliance's Content-Security-Policy refused on any page so far (none, when it fits the app).</summary>
    public IReadOnlyList<string> PolicyViolations => Log.Where(line => line.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
