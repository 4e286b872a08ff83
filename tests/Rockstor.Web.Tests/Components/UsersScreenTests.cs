using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rockstor.Domain.Users;
using Rockstor.Testing;
using UsersPage = Rockstor.Web.Components.Pages.Users.Users;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Users screen over the real user service: accounts made on this machine for real.</summary>
public sealed class UsersScreenTests : ScreenTests, IDisposable
{
    private readonly TestAccounts _accounts = new();

    public void Dispose() => _accounts.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_user_made_in_the_dialog_is_an_account_of_the_machine_and_a_row_of_the_screen()
    {
        var name = _accounts.Name();
        var screen = Render();

        screen.FindAll("button").Single(b => b.TextContent.Trim() == "Create user").Click();
        await WaitForDialogAsync(screen);
        Field(screen, "Name").Change(name);
        Field(screen, "Password").Change("correct-horse-1");
        Click(screen, "Create");

        await screen.WaitForAssertionAsync(() => Assert.Contains(screen.FindAll("td"), td => td.TextContent.Trim() == name), TimeSpan.FromSeconds(20));
        Assert.True(TestAccounts.UserExists(name));
        Assert.Contains(screen.FindAll("button[aria-label]"), b => b.GetAttribute("aria-label") == $"Delete user {name}");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_system_s_accounts_show_on_request_marked_as_such_and_without_actions()
    {
        var screen = Render();
        Assert.DoesNotContain(screen.FindAll("td[data-label='Name']"), td => td.TextContent.Trim().StartsWith("root", StringComparison.Ordinal));

        screen.FindAll("label.mud-switch").First(l => l.TextContent.Contains("Show the system's accounts", StringComparison.Ordinal)).QuerySelector("input")!.Change(true);

        await screen.WaitForAssertionAsync(
            () => Assert.Contains(screen.FindAll("td[data-label='Name']"), td => td.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim() == "rootsystem"),
            TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(screen.FindAll("button[aria-label]"), b => b.GetAttribute("aria-label") == "Delete user root");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_refused_name_shows_its_sentence_in_the_dialog_and_makes_nothing()
    {
        var screen = Render();

        screen.FindAll("button").Single(b => b.TextContent.Trim() == "Create user").Click();
        await WaitForDialogAsync(screen);
        Field(screen, "Name").Change("root");
        Field(screen, "Password").Change("correct-horse-1");
        Click(screen, "Create");

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("The name 'root' is reserved for the system", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 60_000)]
    public async Task Deleting_a_user_asks_first_and_then_removes_the_account()
    {
        var name = _accounts.Name();
        await Context.Services.GetRequiredService<UserService>().CreateAsync(new UserRequest(name, "correct-horse-1"), CancellationToken.None);
        var screen = Render();

        screen.FindAll("button[aria-label]").Single(b => b.GetAttribute("aria-label") == $"Delete user {name}").Click();
        await WaitForDialogAsync(screen);
        Assert.True(TestAccounts.UserExists(name));
        Click(screen, "Delete");

        await screen.WaitForAssertionAsync(() => Assert.DoesNotContain(screen.FindAll("td"), td => td.TextContent.Trim() == name), TimeSpan.FromSeconds(20));
        Assert.False(TestAccounts.UserExists(name));
    }

    private IRenderedComponent<ContainerFragment> Render() =>
        Context.Render<ContainerFragment>(parameters => parameters
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudDialogProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<UsersPage>());
}
