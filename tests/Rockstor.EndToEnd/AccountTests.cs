using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Rockstor.EndToEnd.Pages;
using Rockstor.Testing;
using static Microsoft.Playwright.Assertions;

namespace Rockstor.EndToEnd;

/// <summary>One appliance on this machine's loopback, set up through the API, and the browser.</summary>
public sealed class OneAppliance : IAsyncLifetime
{
    public const string Password = "correct-horse";

    public ApplianceProcess Appliance { get; } = new();

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Appliance.StartAsync(), Browser.InitializeAsync());
        (await Appliance.SetUpAndLogInAsync(password: Password, hostname: "nas1")).Dispose();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Appliance.Dispose();
    }
}

/// <summary>The admin's account in Chromium: the password changed from the web-ui ends every login, open pages included; the hostname.</summary>
public sealed class AccountTests(OneAppliance one) : IClassFixture<OneAppliance>
{
    private const string NewPassword = "a new long secret";

    [Fact(Timeout = 180_000)]
    public async Task A_new_password_set_in_the_web_ui_logs_out_every_open_page_and_the_hostname_changes_in_the_menu()
    {
        var a = new Shell(await one.Browser.NewPageAsync());
        var b = new Shell(await one.Browser.NewPageAsync());
        try
        {
            await WalkAsync(a, b);
        }
        catch (Exception e)
        {
            await a.ScreenshotAsync("failed-account-a");
            await b.ScreenshotAsync("failed-account-b");
            throw new Xunit.Sdk.XunitException($"{e.Message}\n--- the browser ---\n{string.Join("\n", one.Browser.Log)}\n--- appliance ---\n{one.Appliance.Log}");
        }
    }

    private async Task WalkAsync(Shell a, Shell b)
    {
        // Two browsers logged in; a script's token from before the change.
        await new AccountPages(a.Page, one.Appliance.BaseAddress).LogInAsync(OneAppliance.Password);
        await new AccountPages(b.Page, one.Appliance.BaseAddress).LogInAsync(OneAppliance.Password);
        await b.GoAsync("Pools");
        using var script = await one.Appliance.LogInAsync(password: OneAppliance.Password);

        var account = new AccountPage(a);
        await account.OpenAsync();
        await Expect(a.Page.Locator("[data-username]")).ToHaveTextAsync("admin");
        await a.ExpectAccessibleAsync("Account");
        await account.ChangePasswordAsync("not-the-password", NewPassword, NewPassword);
        await Expect(account.Refusal).ToHaveTextAsync("The current password is wrong; the password was not changed.");
        await a.ExpectAccessibleAsync("Account with the password refused");
        await a.ScreenshotAsync("account-password-refused");

        // The change ends every login: this page, the other browser's open page (by itself, no reload), the token.
        await account.ChangePasswordAsync(OneAppliance.Password, NewPassword, NewPassword);
        foreach (var shell in new[] { a, b })
        {
            await shell.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
            await Expect(shell.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This login was ended");
        }

        await b.ScreenshotAsync("account-ended-elsewhere");
        await b.ExpectAccessibleAsync("Login, the login ended");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync(new Uri("/api/pools", UriKind.Relative))).StatusCode);

        // The new password logs in; a new hostname shows in the menu at once and in the API.
        await new AccountPages(a.Page, one.Appliance.BaseAddress).LogInAsync(NewPassword);
        await new AboutPage(a).RenameAsync("office-nas");
        await Expect(a.Page.Locator(".mud-drawer-header a")).ToHaveTextAsync("office-nas");
        using var api = await one.Appliance.LogInAsync(password: NewPassword);
        Assert.Equal("office-nas", (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/appliance")).GetProperty("hostname").GetString());

        // The jobs dashboard (Hangfire's own pages) lives under the same policy.
        await a.Page.GotoAsync(new Uri(one.Appliance.BaseAddress, "/hangfire/recurring").ToString());
        await Expect(a.Page.GetByRole(AriaRole.Heading, new() { Name = "Recurring jobs" })).ToBeVisibleAsync();
        await a.Page.WaitForTimeoutAsync(2500); // its scripts poll the server every 2 s
        Assert.Empty(one.Browser.PolicyViolations);
    }
}
