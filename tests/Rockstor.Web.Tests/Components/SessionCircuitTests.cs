using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rockstor.Domain.Accounts;
using Rockstor.Web.Accounts;

namespace Rockstor.Web.Tests.Components;

/// <summary>An open web-ui page (a circuit) over the real account, session and store services.</summary>
public sealed class SessionCircuitTests : ScreenTests
{
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
        var accounts = Context.Services.GetRequiredService<AccountService>();
        accounts.Setup(new SetupRequest("admin", "correct-horse", "nas1"));
        var session = Context.Services.GetRequiredService<SessionService>().Start(accounts.Verify("admin", "correct-horse")!);
        var provider = (SessionAuthenticationStateProvider)Context.Services.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(SessionClaims.Principal(session, "Cookies"))));
        var page = Context.Render<CascadingAuthenticationState>(p => p.AddChildContent<AuthorizeView>(v => v
            .Add(a => a.Authorized, (RenderFragment<AuthenticationState>)(state => b => b.AddContent(0, $"in as {state.User.Identity!.Name}")))
            .Add(a => a.NotAuthorized, (RenderFragment<AuthenticationState>)(_ => b => b.AddContent(0, "logged out")))));
        Assert.Equal("in as admin", page.Markup);
        Assert.Equal(1, Context.Services.GetRequiredService<SessionWatch>().Count);

        accounts.ChangePassword("admin", "correct-horse", "a new long secret");

        await page.WaitForAssertionAsync(() => Assert.Equal("logged out", page.Markup), TimeSpan.FromSeconds(10));
        Assert.Equal(0, Context.Services.GetRequiredService<SessionWatch>().Count);
        Assert.False((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_page_opened_with_an_ended_login_is_logged_out_at_once()
    {
        var accounts = Context.Services.GetRequiredService<AccountService>();
        accounts.Setup(new SetupRequest("admin", "correct-horse", "nas1"));
        var sessions = Context.Services.GetRequiredService<SessionService>();
        var session = sessions.Start(accounts.Verify("admin", "correct-horse")!);
        sessions.EndAll("admin");
        var provider = (SessionAuthenticationStateProvider)Context.Services.GetRequiredService<AuthenticationStateProvider>();

        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(SessionClaims.Principal(session, "Cookies"))));

        var state = await provider.GetAuthenticationStateAsync();
        Assert.False(state.User.Identity?.IsAuthenticated);
    }
}
