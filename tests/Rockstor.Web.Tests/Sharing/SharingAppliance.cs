using System.Net.Http.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// An appliance in a network namespace of its own (the first of three hosts), set up, with a pool
/// <see cref="Pool"/>; its sandbox is below a folder only root writes, as sshd asks of a folder it locks
/// users into. Each class of the sharing tests makes its own users, shares and server state on it, and a
/// test that changes a server's state puts it back, so the tests do not disturb each other.
/// </summary>
public sealed class SharingAppliance : IAsyncLifetime
{
    public const string Pool = "tank";

    /// <summary>The password the sharing tests give the users they make.</summary>
    public const string Password = "correct-horse-1";

    public TestAccounts Accounts { get; } = new();

    public TestNetwork Network { get; } = new(hosts: 3);

    public ApplianceProcess Appliance { get; private set; } = default!;

    public HttpClient Admin { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        try
        {
            await SetUpAsync();
        }
        catch
        {
            await DisposeAsync(); // what a failed set-up made goes at once; xUnit disposing it again is harmless
            throw;
        }
    }

    /// <summary>Makes a user of a fresh name with <see cref="Password"/> through the API, and returns the name.</summary>
    public async Task<string> NewUserAsync()
    {
        var name = Accounts.Name();
        await Ok(Admin.PostAsJsonAsync("/api/users", new { name, password = Password }));
        return name;
    }

    /// <summary>A folder of the caller's own in the appliance's sandbox, for the files its clients send and fetch.</summary>
    public string FolderOf(string name) => Directory.CreateDirectory(Path.Combine(Appliance.Sandbox.Root, name)).FullName;

    public Task DisposeAsync()
    {
        CleanUp.All(() => Admin?.Dispose(), () => Appliance?.Dispose(), Network.Dispose, Accounts.Dispose);
        return Task.CompletedTask;
    }

    private async Task SetUpAsync()
    {
        Appliance = new ApplianceProcess(host: Network.Hosts[0], sandboxBase: Sandbox.RootOnlyBase);
        await Appliance.StartAsync();
        Admin = await Appliance.SetUpAndLogInAsync();
        await Ok(Admin.PostAsJsonAsync("/api/pools", new { name = Pool, imageSizeGiB = 1 }));
    }
}
