using Rockstor.Testing;

namespace Rockstor.Web.Tests;

/// <summary>
/// Two real appliances, each on a host of its own (a network namespace with a private address), set up and
/// logged in; the source takes the settings given besides its id.
/// </summary>
public sealed class AppliancePair(string sourceId, string destinationId, IReadOnlyDictionary<string, string>? sourceSettings = null) : IDisposable
{
    public TestNetwork Network { get; } = new(hosts: 2);

    public ApplianceProcess Source { get; private set; } = default!;

    public ApplianceProcess Destination { get; private set; } = default!;

    /// <summary>The source's admin; <see cref="RestartSourceAsync"/> replaces it.</summary>
    public HttpClient A { get; private set; } = default!;

    /// <summary>The destination's admin; <see cref="SetUpDestinationAgainAsync"/> replaces it.</summary>
    public HttpClient B { get; private set; } = default!;

    public async Task StartAsync()
    {
        Source = new ApplianceProcess(new Dictionary<string, string>(sourceSettings ?? new Dictionary<string, string>()) { ["Rockstor__ApplianceId"] = sourceId }, Network.Hosts[0]);
        Destination = new ApplianceProcess(new Dictionary<string, string> { ["Rockstor__ApplianceId"] = destinationId }, Network.Hosts[1]);
        await Task.WhenAll(Source.StartAsync(), Destination.StartAsync());
        A = await Source.SetUpAndLogInAsync(hostname: "source");
        B = await Destination.SetUpAndLogInAsync(hostname: "destination");
    }

    /// <summary>Starts the destination again after its data directory was emptied: a fresh install, set up anew.</summary>
    public async Task SetUpDestinationAgainAsync()
    {
        await Destination.StartAsync();
        B.Dispose();
        B = await Destination.SetUpAndLogInAsync(hostname: "destination");
    }

    /// <summary>Starts the destination again on the same data (after it was stopped or killed) and logs in anew.</summary>
    public async Task RestartDestinationAsync()
    {
        await Destination.StartAsync();
        B.Dispose();
        B = await Destination.LogInAsync();
    }

    /// <summary>Starts the source again on the same data (after it was stopped or killed) and logs in anew.</summary>
    public async Task RestartSourceAsync()
    {
        await Source.StartAsync();
        A.Dispose();
        A = await Source.LogInAsync();
    }

    /// <summary>Starts again, on the same data, whichever of the two was stopped or killed (for a test that puts the pair back).</summary>
    public async Task StartWhatStoppedAsync()
    {
        if (Source.ProcessId is null)
        {
            await RestartSourceAsync();
        }

        if (Destination.ProcessId is null)
        {
            await RestartDestinationAsync();
        }
    }

    public void Dispose() =>
        CleanUp.All(() => A?.Dispose(), () => B?.Dispose(), () => Source?.Dispose(), () => Destination?.Dispose(), Network.Dispose);
}
