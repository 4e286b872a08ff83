using Microsoft.Playwright;

namespace Rockstor.EndToEnd.Pages;

/// <summary>The app's frame: the menu, the snackbars, and the dialogs it shows.</summary>
public sealed class Shell(IPage page)
{
    public IPage Page => page;

    /// <summary>
    /// Waits for the interactive app: pages are not prerendered, so the menu shows only once the
    /// circuit is up and clicks are heard.
    /// </summary>
    public static Task ReadyAsync(IPage page) =>
        page.GetByRole(AriaRole.Navigation).Or(page.Locator(".mud-navmenu")).First.WaitForAsync();

    /// <summary>Follows a menu entry, as a person does.</summary>
    public async Task GoAsync(string entry)
    {
        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>A table by its label (MudBlazor puts the label on the table's frame).</summary>
    public ILocator Table(string label) => page.Locator($"[aria-label='{label}']");

    /// <summary>The open dialog.</summary>
    public ILocator Dialog => page.Locator(".mud-dialog");

    /// <summary>Waits for a snackbar that says this.</summary>
    public Task SnackbarAsync(string text) => page.Locator(".mud-snackbar").Filter(new() { HasText = text }).First.WaitForAsync();

    /// <summary>
    /// Types a value into a field and checks it took. Playwright inserts text where the focus is, and a
    /// dialog may still move the focus (autofocus) just after it appears: then the text lands elsewhere,
    /// and the field is filled again.
    /// </summary>
    public async Task FillAsync(ILocator field, string value)
    {
        for (var attempt = 1; ; attempt++)
        {
            await field.FillAsync(value);
            if (await field.InputValueAsync() == value)
            {
                return;
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"The field would not take '{value}'; it holds '{await field.InputValueAsync()}'.");
            }

            await page.WaitForTimeoutAsync(200);
        }
    }

    /// <summary>Picks an entry of a MudBlazor select (a list that opens in a popover).</summary>
    public async Task ChooseAsync(ILocator select, string option)
    {
        // The select's input lies under its own label; its frame takes the click.
        await select.Locator("xpath=ancestor::div[contains(@class, 'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Fails, listing what axe-core found, unless the page and its open dialog pass WCAG 2.1 A and AA (see <see cref="Axe"/>).</summary>
    public Task ExpectAccessibleAsync(string where) => Axe.ExpectNoViolationsAsync(page, where);

    /// <summary>A picture of the page once MudBlazor's short animations (floating labels, dialogs) are over.</summary>
    public async Task ScreenshotAsync(string name)
    {
        await page.WaitForTimeoutAsync(400);
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(Screenshots.Folder, name + ".png"),

            // Earlier steps' messages would stack up in the corner of every picture.
            Style = ".mud-snackbar { visibility: hidden; }",
        });
    }
}

/// <summary>Where the tests leave their screenshots (docs/images takes the ones the guide shows).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
}
