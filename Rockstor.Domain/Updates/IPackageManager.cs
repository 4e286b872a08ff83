namespace Rockstor.Domain.Updates;

/// <summary>The machine's package manager, as the appliance's updates need it (apt and dpkg).</summary>
public interface IPackageManager
{
    /// <summary>The version of the appliance's package installed; null when the appliance was not installed from it.</summary>
    Task<string?> InstalledVersionAsync(CancellationToken ct);

    /// <summary>Reads the source and downloads a version newer than <paramref name="installed"/>, if it offers one.</summary>
    Task<PackageOffer?> CheckAsync(string source, string installed, CancellationToken ct);

    /// <summary>Starts the updater outside the appliance's process (the update restarts the appliance); it reports through <see cref="ReadProgress"/>.</summary>
    Task StartUpdateAsync(PackageOffer offer, CancellationToken ct);

    /// <summary>What the updater last said (Idle when no update has run).</summary>
    UpdateProgress ReadProgress();
}
