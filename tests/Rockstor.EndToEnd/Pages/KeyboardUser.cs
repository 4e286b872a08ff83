using Microsoft.Playwright;

namespace Rockstor.EndToEnd.Pages;

/// <summary>
/// A person who uses only the keyboard: Tab (and Shift+Tab) to move, Enter and Space to act, arrows in
/// lists, typing into the field that has the focus. It never clicks; when Tab cannot reach a control,
/// the test fails and says where the focus was.
/// </summary>
public sealed class KeyboardUser(IPage page)
{
    /// <summary>Tabs presses it takes at most to reach a control: the menu and a screen's controls fit.</summary>
    private const int MostPresses = 80;

    public IPage Page => page;

    /// <summary>Presses Tab until the control (or something inside it) has the focus.</summary>
    public async Task TabToAsync(ILocator control, bool backwards = false)
    {
        await control.WaitForAsync();
        for (var presses = 0; presses <= MostPresses; presses++)
        {
            // One look at the page for both: whether the control has the focus, and whether it shows it.
            var focus = await control.EvaluateAsync<string>(FocusOf);
            if (focus != "elsewhere")
            {
                Assert.True(focus == "shown", $"The focus is on {await FocusedAsync()}, but nothing shows it.");
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        throw new InvalidOperationException($"Tab did not reach {control} in {MostPresses} presses; the focus is on {await FocusedAsync()}.");
    }

    /// <summary>Tabs to the control and presses Enter.</summary>
    public async Task ActivateAsync(ILocator control)
    {
        await TabToAsync(control);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>
    /// Tabs to a link and presses Enter until the page it leads to opens: a link that a live update redraws
    /// just as the key comes is followed again, once, as a person who sees nothing happen would.
    /// </summary>
    public async Task FollowAsync(ILocator link, System.Text.RegularExpressions.Regex url)
    {
        for (var tries = 1; ; tries++)
        {
            await ActivateAsync(link);
            try
            {
                await page.WaitForURLAsync(url, new() { Timeout = tries == 1 ? 5_000 : 15_000 });
                return;
            }
            catch (TimeoutException) when (tries == 1)
            {
                // Pressed on the link as it was redrawn: once more. (Playwright gives up waiting with .NET's
                // own TimeoutException, not a PlaywrightException.)
            }
        }
    }

    /// <summary>Tabs to a field, clears it and types the text.</summary>
    public async Task TypeIntoAsync(ILocator field, string text)
    {
        // A dialog that has just opened may still move the focus to its first field as the keys come; a
        // person who sees the text did not land types it again, so does this, once.
        for (var tries = 1; ; tries++)
        {
            await TabToAsync(field);
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.PressAsync("Backspace");
            await page.Keyboard.TypeAsync(text);
            try
            {
                await Assertions.Expect(field).ToHaveValueAsync(text, new() { Timeout = tries == 1 ? 2_000 : 5_000 });
                return;
            }
            catch (PlaywrightException) when (tries == 1)
            {
                // the text went elsewhere: once more
            }
        }
    }

    /// <summary>
    /// Tabs to a MudBlazor select, opens its list with the keyboard, moves with the arrows to the entry
    /// and takes it with Enter.
    /// </summary>
    public async Task ChooseAsync(ILocator select, string option)
    {
        // A select that re-renders just as the key comes (its options arriving) loses the focus and the
        // key: tab to it and press again, as a person would, before calling the list closed for good.
        var items = page.Locator(".mud-popover-open .mud-list-item");
        for (var tries = 1; ; tries++)
        {
            await TabToAsync(select);
            await page.Keyboard.PressAsync("ArrowDown");
            try
            {
                await items.First.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (tries < 3)
            {
            }
        }

        await page.WaitForTimeoutAsync(300); // the list's opening animation; keys pressed during it can be lost
        var texts = await items.AllInnerTextsAsync();
        var index = texts.ToList().FindIndex(t => t.Contains(option, StringComparison.Ordinal));
        Assert.True(index >= 0, $"The list offers no '{option}': {string.Join(", ", texts)}");
        for (var moves = 0; moves < texts.Count * 2 && !await IsActiveAsync(items.Nth(index)); moves++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        // Enter takes the entry and closes the list. On a slow machine the select may not yet listen when
        // the key comes, and the list stays open: Enter again then (the list is still open, so it cannot
        // open it a second time).
        await page.Keyboard.PressAsync("Enter");
        try
        {
            await items.First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 3_000 });
        }
        catch (TimeoutException)
        {
            await page.Keyboard.PressAsync("Enter");
            await items.First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }

        // The select takes the focus back a moment after its list closes; the next Tab goes on from it.
        await page.WaitForFunctionAsync("select => select.contains(document.activeElement)", await select.ElementHandleAsync());
    }

    /// <summary>Follows a menu entry by keyboard.</summary>
    public async Task GoAsync(string entry)
    {
        // An entry's name may carry a count after it ("Alerts 1").
        var name = new System.Text.RegularExpressions.Regex($@"^{System.Text.RegularExpressions.Regex.Escape(entry)}\b");
        await ActivateAsync(page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { NameRegex = name }));
        await page.Locator("h1").Filter(new() { HasText = entry }).First.WaitForAsync();
    }

    /// <summary>
    /// "elsewhere" when the focus is not on the control (or inside it); else "shown" when it is drawn as
    /// focused (a text field or a select by its own underline, anything else by an outline of at least
    /// 2 px on it or on the box that draws it: a checkbox's input is invisible), or "hidden".
    /// </summary>
    private const string FocusOf =
        """
        control => {
          const e = document.activeElement;
          if (!e || !(control === e || control.contains(e))) return 'elsewhere';
          if (e.matches('textarea, input:not([type=checkbox]):not([type=radio])') || e.closest('.mud-select')) return 'shown';
          const ringed = x => x && getComputedStyle(x).outlineStyle !== 'none' && parseFloat(getComputedStyle(x).outlineWidth) >= 2;
          return [e, e.closest('.mud-button-root'), e.closest('.mud-switch-span')].some(ringed) ? 'shown' : 'hidden';
        }
        """;

    private static Task<bool> IsActiveAsync(ILocator item) =>
        item.EvaluateAsync<bool>("e => e.classList.contains('mud-selected-item') || e.classList.contains('mud-list-item-active') || e.getAttribute('aria-selected') === 'true' || e.matches(':focus')");

    private Task<string> FocusedAsync() =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()} '${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60)}'` : 'nothing'; }");
}
