using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.EndToEnd.Requests;

namespace Rockstor.EndToEnd.Packaging;

/// <summary>
/// The appliance installed from its Debian package on this machine, as a NAS owner installs it (apt), and
/// started the way its unit would be where no systemd runs (rockstor-service), with its settings in
/// /etc/rockstor pointing at a sandbox; a local package source serves its later versions. Dispose stops
/// and purges it and removes what the package and the test made. A machine where the package is already
/// installed (not by this fixture) is left alone: the tests then fail and say so.
/// </summary>
public sealed class InstalledAppliance : IAsyncLifetime
{
    public const string Password = "correct-horse";

    /// <summary>What marks settings this fixture wrote, so a later run sweeps what a killed one left.</summary>
    private const string Marker = "# rockstor-test: made by the package tests";

    private const string Settings = "/etc/rockstor/rockstor.env";

    /// <summary>The package's data folder. The tests keep the appliance's data in their sandbox; this one holds only <see cref="DataMarker"/>.</summary>
    public const string DataFolder = "/var/lib/rockstor";

    /// <summary>A file in <see cref="DataFolder"/> that says these tests made it, so a later run sweeps it.</summary>
    public const string DataMarker = DataFolder + "/made-by-rockstor-tests";

    private readonly Sandbox _sandbox = new(Sandbox.RootOnlyBase);
    private readonly (int Replication, int Smb, int Sftp) _ports = (ApplianceProcess.FreePort(), ApplianceProcess.FreePort(), ApplianceProcess.FreePort());
    private int _versions;

    public PackageRepository Repository { get; private set; } = default!;

    public Browser Browser { get; } = new();

    public int Port { get; } = ApplianceProcess.FreePort();

    /// <summary>Whether <see cref="DataFolder"/> was there, not made by these tests, before the package was installed: a real installation's data, never to be purged.</summary>
    public bool DataFolderWasThere { get; private set; }

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}/");

    public HttpClient Api { get; private set; } = default!;

    /// <summary>A file written into the share before any update, to be found after each.</summary>
    public string KeptFile { get; private set; } = "";

    public async Task InitializeAsync()
    {
        SweepOrRefuse();
        DataFolderWasThere = Directory.Exists(DataFolder);
        Repository = new PackageRepository(Path.Combine(_sandbox.Root, "repository"));
        var first = NextVersion();
        await Repository.BuildAsync(first);
        await Task.WhenAll(InstallAndStartAsync(first), Browser.InitializeAsync());

        using (var anonymous = ApplianceProcess.HttpsClient(BaseAddress))
        {
            await Ok(anonymous.PostAsJsonAsync("/api/setup", new { username = "admin", password = Password, hostname = "nas1" }));
            using var token = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = Password });
            var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            Api = ApplianceProcess.HttpsClient(BaseAddress);
            Api.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        }

        await Ok(Api.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 1 }));
        using var share = await Api.PostAsJsonAsync("/api/shares", new { name = "documents", pool = "tank" });
        Assert.True(share.IsSuccessStatusCode, await share.Content.ReadAsStringAsync());
        KeptFile = Path.Combine((await share.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!, "kept.txt");
        await File.WriteAllTextAsync(KeptFile, "written under the first version");
        await Ok(Api.PostAsJsonAsync("/api/snapshot-schedules", new { shares = new[] { "documents" }, cron = "0 4 * * *", prefix = "nightly", retention = new { last = 7 } }));
        await Ok(Api.PutAsJsonAsync("/api/updates/settings", new { source = Repository.Source }));
    }

    /// <summary>What the updater and the appliance wrote, for a failing test's message.</summary>
    public string Logs()
    {
        static string Tail(string file) => File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(40)) : $"({file}: none)";
        return $"updater:\n{Tail(Path.Combine(_sandbox.DataDirectory, "updates", "update.log"))}\nappliance:\n{Tail("/var/log/rockstor.log")}";
    }

    /// <summary>The next version number, higher than any published so far ("1.0.0", "2.0.0"…).</summary>
    public string NextVersion() => string.Create(CultureInfo.InvariantCulture, $"{++_versions}.0.0");

    /// <summary>Installs a published version as a first install (apt), writes the tests' settings, and starts it as its unit would.</summary>
    public async Task InstallAndStartAsync(string version)
    {
        Apt("install", "-y", "-q", Repository.PackageOf(version));
        if (!DataFolderWasThere)
        {
            File.WriteAllText(DataMarker, "");
        }

        File.WriteAllText(Settings, string.Join('\n', [
            Marker,
            $"ROCKSTOR_URLS=https://127.0.0.1:{Port}",
            $"Rockstor__DataDirectory={_sandbox.DataDirectory}",
            $"Rockstor__MountRoot={_sandbox.MountRoot}",
            $"Rockstor__ReplicationPort={_ports.Replication}",
            $"Rockstor__SmbPort={_ports.Smb}",
            $"Rockstor__SftpPort={_ports.Sftp}",
            "Rockstor__UpdateHealthSeconds=30",
            ""]));
        Sandbox.Run("/opt/rockstor/rockstor-service", "start");
        await UntilHealthyAsync();
    }

    /// <summary>Installs and starts the version again when a test left the package purged or the appliance stopped.</summary>
    public async Task EnsureRunningAsync(string version)
    {
        if (Sandbox.TryRun("dpkg-query", "-W", "-f=${db:Status-Abbrev}", "rockstor") is not (0, var status, _) || !status.StartsWith("ii", StringComparison.Ordinal))
        {
            await InstallAndStartAsync(version);
            return;
        }

        Sandbox.Run("/opt/rockstor/rockstor-service", "start");
        await UntilHealthyAsync();
    }

    /// <summary>Stops the appliance and purges its package as an admin would, without a terminal (apt-get purge); what apt and the package's scripts printed.</summary>
    public static string StopAndPurge()
    {
        Sandbox.Run("/opt/rockstor/rockstor-service", "stop");
        var (exit, output, error) = Sandbox.TryRun(TimeSpan.FromMinutes(5), "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "purge", "-y", "-q", "rockstor");
        return exit == 0 ? output + error : throw new InvalidOperationException($"apt-get purge rockstor failed ({exit}): {output}{error}");
    }

    /// <summary>Waits until the appliance answers on /healthz.</summary>
    public async Task UntilHealthyAsync()
    {
        using var client = ApplianceProcess.HttpsClient(BaseAddress);
        client.Timeout = TimeSpan.FromSeconds(5);
        await Waiting.UntilAsync(
            async () => Assert.True((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode),
            TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Api?.Dispose();
        Sandbox.TryRun("/opt/rockstor/rockstor-service", "stop");
        Purge();
        if (Repository is not null)
        {
            await Repository.DisposeAsync();
        }

        if (File.Exists(DataMarker))
        {
            Directory.Delete(DataFolder, recursive: true);
        }

        _sandbox.Dispose();
    }

    /// <summary>The package left by a killed run of these tests is purged, and the data folder it marked deleted; one installed otherwise is a real installation, and it stays.</summary>
    private static void SweepOrRefuse()
    {
        if (File.Exists(DataMarker))
        {
            Directory.Delete(DataFolder, recursive: true);
        }

        if (Sandbox.TryRun("dpkg-query", "-W", "-f=${db:Status-Abbrev}", "rockstor") is not (0, var status, _) || status.StartsWith("un", StringComparison.Ordinal))
        {
            return;
        }

        if (!File.Exists(Settings) || !File.ReadAllText(Settings).Contains(Marker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "The rockstor package is installed on this machine and these tests did not install it: they install, update and purge it, so they do not run beside a real installation.");
        }

        Sandbox.TryRun("/opt/rockstor/rockstor-service", "stop");
        Purge();
    }

    private static void Purge()
    {
        Apt("purge", "-y", "-q", "rockstor");
        foreach (var folder in new[] { "/etc/rockstor", "/run/rockstor" })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        File.Delete("/var/log/rockstor.log");
    }

    private static string Apt(params string[] arguments) => Sandbox.RunFor(TimeSpan.FromMinutes(5), "env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", .. arguments]);
}
