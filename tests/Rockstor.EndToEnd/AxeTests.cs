namespace Rockstor.EndToEnd;

/// <summary>The accessibility check itself: it can fail, and its message says what to fix.</summary>
public sealed class AxeTests(Browser browser) : IClassFixture<Browser>
{
    [Fact(Timeout = 60_000)]
    public async Task Axe_reports_a_button_without_a_name_with_its_rule_impact_selector_and_help()
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html>
            <html lang="en"><head><title>A page</title></head>
            <body><main><h1>A page</h1><button type="button" id="nameless"></button><button type="button">Named</button></main></body></html>
            """);

        var violations = await Axe.ViolationsAsync(page);

        var violation = Assert.Single(violations);
        Assert.StartsWith("button-name (critical): Buttons must have discernible text <https://dequeuniversity.com/rules/axe/", violation, StringComparison.Ordinal);
        Assert.Contains("    at #nameless: ", violation, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
