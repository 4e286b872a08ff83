using System.Formats.Tar;
using CliWrap;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Updates;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Updates;

/// <summary>
/// The appliance's package through apt and dpkg (ADR-038). The package source is read with apt's own
/// sources file, lists and cache under &lt;data&gt;/updates/apt: the machine's apt configuration is never
/// changed. The update itself is rockstor-update, started outside this process.
/// </summary>
public sealed class AptPackageManager(
    CommandRunner runner,
    IOptions<RockstorOptions> options,
    HealthAddress health,
    TimeProvider time,
    ILogger<AptPackageManager> logger) : IPackageManager
{
    public const string Package = "rockstor";

    private const string ChangelogEntry = "./usr/share/doc/rockstor/changelog.gz";

    private readonly Lazy<Task<string?>> _installed = new(() => ReadInstalledAsync(runner));

    private string Updates => Path.Combine(options.Value.DataDirectory, "updates");

    private string Apt => Path.Combine(Updates, "apt");

    public Task<string?> InstalledVersionAsync(CancellationToken ct) => _installed.Value.WaitAsync(ct);

    public async Task<PackageOffer?> CheckAsync(string source, string installed, CancellationToken ct)
    {
        foreach (var folder in new[] { "lists/partial", "cache/archives/partial", "packages" })
        {
            Directory.CreateDirectory(Path.Combine(Apt, folder));
        }

        await File.WriteAllTextAsync(Path.Combine(Apt, "sources.list"), source + "\n", ct).ConfigureAwait(false);
        await runner.RunAsync("apt-get", [.. Own(), "-q", "update"], "Could not read the package source", ct).ConfigureAwait(false);
        var policy = await runner.RunAsync("apt-cache", [.. Own(), "policy", Package], "Could not read what the package source offers", ct).ConfigureAwait(false);
        var candidate = policy.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Candidate:", StringComparison.Ordinal))?["Candidate:".Length..].Trim();
        if (candidate is null or "(none)" || !await NewerAsync(candidate, installed, ct).ConfigureAwait(false))
        {
            return null;
        }

        var packages = Path.Combine(Apt, "packages");
        foreach (var old in Directory.EnumerateFiles(packages, "*.deb"))
        {
            File.Delete(old);
        }

        await runner.RunAsync("apt-get", [.. Own(), "-q", "-o", $"Dir::Cache::archives={packages}/", "install", "--download-only", "--reinstall", "-y", $"{Package}={candidate}"], $"Could not download version {candidate}", ct)
            .ConfigureAwait(false);
        var file = Directory.EnumerateFiles(packages, $"{Package}_*.deb").FirstOrDefault()
            ?? throw new Domain.Common.StorageCommandException($"Version {candidate} was not downloaded", "apt-get install --download-only", "no package file");
        return new PackageOffer(candidate, await ChangelogSinceAsync(file, installed, ct).ConfigureAwait(false), file);
    }

    public async Task StartUpdateAsync(PackageOffer offer, CancellationToken ct)
    {
        Directory.CreateDirectory(Updates);
        var updater = Path.Combine(Updates, "rockstor-update");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "rockstor-update"), updater, overwrite: true);
        var installed = await InstalledVersionAsync(ct).ConfigureAwait(false) ?? "";
        await File.WriteAllTextAsync(
                Path.Combine(Updates, "state"),
                UpdateProgressFile.Format(new UpdateProgress(UpdateState.Running, "starting", installed, offer.Version, time.GetUtcNow(), $"Starting the update to version {offer.Version}.")),
                ct)
            .ConfigureAwait(false);

        // The update stops this process: the updater runs in a unit of its own, or a session of its own.
        string[] arguments = [updater, options.Value.DataDirectory, offer.PackageFile, offer.Version, health.Url, options.Value.UpdateHealthSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (Directory.Exists("/run/systemd/system"))
        {
            await runner.RunAsync("systemd-run", ["--quiet", "--collect", $"--unit=rockstor-update-{time.GetUtcNow().ToUnixTimeSeconds()}", "/bin/bash", .. arguments], "Could not start the updater", ct).ConfigureAwait(false);
        }
        else
        {
            await runner.RunAsync("setsid", ["--fork", "/bin/bash", .. arguments], "Could not start the updater", ct).ConfigureAwait(false);
        }

        logger.LogWarning("Updating from version {From} to {To}: the appliance restarts", installed, offer.Version);
    }

    public UpdateProgress ReadProgress()
    {
        try
        {
            return UpdateProgressFile.Parse(File.ReadAllText(Path.Combine(Updates, "state")));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return UpdateProgress.Idle;
        }
    }

    /// <summary>apt reads only the appliance's own sources file, lists and cache, never the machine's.</summary>
    private string[] Own() =>
    [
        "-o", $"Dir::Etc::SourceList={Path.Combine(Apt, "sources.list")}",
        "-o", "Dir::Etc::SourceParts=-",
        "-o", $"Dir::State::Lists={Path.Combine(Apt, "lists")}/",
        "-o", $"Dir::Cache={Path.Combine(Apt, "cache")}/",
        "-o", "APT::Sandbox::User=root",
    ];

    private async Task<bool> NewerAsync(string candidate, string installed, CancellationToken ct) =>
        (await runner.ProbeAsync("dpkg", ["--compare-versions", candidate, "gt", installed], ct).ConfigureAwait(false)).ExitCode == 0;

    /// <summary>The changelog entries newer than the installed version, read out of the package file as dpkg-deb streams it.</summary>
    private static async Task<string> ChangelogSinceAsync(string file, string installed, CancellationToken ct)
    {
        var changelog = "";
        await Cli.Wrap("dpkg-deb")
            .WithArguments(["--fsys-tarfile", file])
            .WithStandardOutputPipe(PipeTarget.Create(async (output, token) =>
            {
                var reader = new TarReader(output);
                while (await reader.GetNextEntryAsync(copyData: false, token).ConfigureAwait(false) is { } entry)
                {
                    if (entry.Name == ChangelogEntry && entry.DataStream is { } data)
                    {
                        await using var gzip = new GZipStream(data, CompressionMode.Decompress, leaveOpen: true);
                        using var text = new StreamReader(gzip, Encoding.UTF8);
                        changelog = DebianChangelog.Since(await text.ReadToEndAsync(token).ConfigureAwait(false), installed);
                    }
                }
            }))
            .ExecuteAsync(ct)
            .ConfigureAwait(false);
        return changelog;
    }

    private static async Task<string?> ReadInstalledAsync(CommandRunner runner)
    {
        try
        {
            var (exit, output) = await runner.ProbeAsync("dpkg-query", ["-W", "-f=${db:Status-Abbrev}|${Version}", Package], CancellationToken.None).ConfigureAwait(false);
            return exit == 0 && output.Split('|', 2) is [var status, var version] && status.StartsWith("ii", StringComparison.Ordinal) ? version.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not a Debian machine
        }
    }
}
