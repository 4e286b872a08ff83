using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using Rockstor.Domain.Accounts;
using Rockstor.Domain.Appliances;
using Rockstor.Web.Accounts;
using AccountPage = Rockstor.Web.Components.Pages.Settings.Account;

namespace Rockstor.Web.Tests.Components;

/// <summary>
/// The admin's login in the web-ui over the real account, session and store services: the open page
/// (circuit) that ends with its login, System -> Account (the password) and System -> About (the hostname).
/// </summary>
public sealed class AccountScreenTests : ScreenTests
{
    private const string Password = "correct-horse";

    private SessionAuthenticationStateProvider Provider => (SessionAuthenticationStateProvider)Context.Services.GetRequiredService<AuthenticationStateProvider>();

    /// <summary>The web host's authentication state for circuits, as WebComposition adds it.</summary>
    protected override void AddServices(IServiceCollection services)
    {
        // The real authorization in place of bUnit's placeholders (which only say it is missing).
        services.RemoveAll<IAuthorizationService>();
        services.RemoveAll<IAuthorizationPolicyProvider>();
        services.RemoveAll<AuthenticationStateProvider>();
        services.AddAuthorizationCore();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<SessionWatch>();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
    }

    [Fact(Timeout = 60_000)]
    public async Task An_open_page_is_logged_out_when_the_password_is_changed_elsewhere()
    {
        var accounts = LogIn();
        var page = Context.Render<CascadingAuthenticationState>(p => p.AddChildContent<AuthorizeView>(v => v
            .Add(a => a.Authorized, (RenderFragment<AuthenticationState>)(state => b => b.AddContent(0, $"in as {state.User.Identity!.Name}")))
            .Add(a => a.NotAuthorized, (RenderFragment<AuthenticationState>)(_ => b => b.AddContent(0, "logged out")))));
        Assert.Equal("in as admin", page.Markup);
        Assert.Equal(1, Context.Services.GetRequiredService<SessionWatch>().Count);

        accounts.ChangePassword("admin", Password, "a new long secret");

        await page.WaitForAssertionAsync(() => Assert.Equal("logged out", page.Markup), TimeSpan.FromSeconds(10));
        Assert.True(Provider.Ended);
        Assert.Equal(0, Context.Services.GetRequiredService<SessionWatch>().Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_page_opened_with_an_ended_login_is_logged_out_at_once()
    {
        var accounts = Context.Services.GetRequiredService<AccountService>();
        accounts.Setup(new SetupRequest("admin", Password, "nas1"));
        var sessions = Context.Services.GetRequiredService<SessionService>();
        var session = sessions.Start(accounts.Verify("admin", Password)!);
        sessions.EndAll("admin");

        Provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(SessionClaims.Principal(session, "Cookies"))));

        Assert.False((await Provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.True(Provider.Ended);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_current_password_or_two_different_new_ones_are_refused_in_the_dialog_and_the_right_one_changes_it()
    {
        var accounts = LogIn();
        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<CascadingAuthenticationState>(c => c.AddChildContent<AccountPage>()));
        Assert.Equal("admin", screen.Find("[data-username]").TextContent);
        Assert.Contains("12 hours after the password was given", screen.Markup, StringComparison.Ordinal);

        await screen.InvokeAsync(() => screen.FindAll("button").Single(b => b.TextContent.Trim() == "Change password").Click());
        await screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll(".mud-dialog")));
        await screen.InvokeAsync(() => Field(screen, "Current password").Change("not-the-password"));
        await screen.InvokeAsync(() => Field(screen, "New password").Change("a new long secret"));
        await screen.InvokeAsync(() => Field(screen, "New password again").Change("a new long secret"));
        Click(screen, "Change password");
        await screen.WaitForAssertionAsync(() => Assert.Equal("The current password is wrong; the password was not changed.", screen.Find(".mud-dialog [role='alert']").TextContent.Trim()));

        await screen.InvokeAsync(() => Field(screen, "Current password").Change(Password));
        await screen.InvokeAsync(() => Field(screen, "New password again").Change("another long secret"));
        Click(screen, "Change password");
        await screen.WaitForAssertionAsync(() => Assert.Equal("The two new passwords differ; type the same one twice.", screen.Find(".mud-dialog [role='alert']").TextContent.Trim()));
        Assert.NotNull(accounts.Verify("admin", Password));
        Assert.False(Provider.Ended);

        await screen.InvokeAsync(() => Field(screen, "New password again").Change("a new long secret"));
        Click(screen, "Change password");

        await screen.WaitForAssertionAsync(() => Assert.Contains("Password changed", screen.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.Empty(screen.FindAll(".mud-dialog"));
        Assert.Null(accounts.Verify("admin", Password));
        Assert.NotNull(accounts.Verify("admin", "a new long secret"));
        Assert.True(Provider.Ended); // this page's own login ended with the change
    }

    [Fact(Timeout = 60_000)]
    public async Task Renaming_on_the_about_page_refuses_a_bad_name_and_shows_a_good_one_in_the_menu_at_once()
    {
        LogIn();
        var layout = Context.Render<Rockstor.Web.Components.Layout.MainLayout>(p => p.Add(
            l => l.Body,
            (RenderFragment)(b =>
            {
                b.OpenComponent<Rockstor.Web.Components.Pages.Settings.SystemPage>(0);
                b.CloseComponent();
            })));
        Assert.Equal("nas1", layout.Find(".mud-drawer-header a").TextContent.Trim());

        await layout.InvokeAsync(() => layout.FindAll("button").Single(b => b.TextContent.Trim() == "Change hostname").Click());
        await layout.WaitForAssertionAsync(() => Assert.NotEmpty(layout.FindAll(".mud-dialog")));
        Assert.Equal("nas1", Field(layout, "Hostname").GetAttribute("value"));
        await layout.InvokeAsync(() => Field(layout, "Hostname").Change("-office"));
        Click(layout, "Rename");
        await layout.WaitForAssertionAsync(() => Assert.Contains("is not a valid hostname", layout.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal));
        Assert.Equal("nas1", Context.Services.GetRequiredService<ApplianceIdentity>().Current.Hostname);

        await layout.InvokeAsync(() => Field(layout, "Hostname").Change("office-nas"));
        Click(layout, "Rename");

        await layout.WaitForAssertionAsync(() => Assert.Equal("office-nas", layout.Find(".mud-drawer-header a").TextContent.Trim()));
        Assert.Equal("office-nas", layout.Find("[data-hostname]").TextContent);
        Assert.Contains("now called office-nas", layout.Find(".mud-snackbar").TextContent, StringComparison.Ordinal);
        Assert.Equal("office-nas", Context.Services.GetRequiredService<ApplianceIdentity>().Current.Hostname);
    }

    /// <summary>Sets the admin up and gives the page a login made by the password, as the login form does.</summary>
    private AccountService LogIn()
    {
        var accounts = Context.Services.GetRequiredService<AccountService>();
        accounts.Setup(new SetupRequest("admin", Password, "nas1"));
        var session = Context.Services.GetRequiredService<SessionService>().Start(accounts.Verify("admin", Password)!);
        Provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(SessionClaims.Principal(session, "Cookies"))));
        return accounts;
    }
}
