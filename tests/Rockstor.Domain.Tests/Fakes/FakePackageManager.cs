using Rockstor.Domain.Updates;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>A package manager in memory: the installed version, what the source offers, the updates started, and what the updater "said".</summary>
public sealed class FakePackageManager : IPackageManager
{
    public string? Installed { get; set; } = "1.0.0";

    public PackageOffer? Offer { get; set; }

    public List<PackageOffer> Started { get; } = [];

    public UpdateProgress Progress { get; set; } = UpdateProgress.Idle;

    public Task<string?> InstalledVersionAsync(CancellationToken ct) => Task.FromResult(Installed);

    public Task<PackageOffer?> CheckAsync(string source, string installed, CancellationToken ct) => Task.FromResult(Offer);

    public Task StartUpdateAsync(PackageOffer offer, CancellationToken ct)
    {
        Started.Add(offer);
        Progress = new UpdateProgress(UpdateState.Running, "starting", Installed ?? "", offer.Version, DateTimeOffset.UnixEpoch, "Starting.");
        return Task.CompletedTask;
    }

    public UpdateProgress ReadProgress() => Progress;
}
