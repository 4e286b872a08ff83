using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.EndToEnd.Packaging;

/// <summary>
/// What purge does (issue 22): the settings in /etc/rockstor always go; the data in /var/lib/rockstor goes
/// only when the admin answers yes to the package's question (debconf, rockstor/purge-data), so a purge
/// without a terminal keeps it. The appliance is installed again afterwards, with its data in the sandbox
/// untouched, for the other package tests.
/// </summary>
[Collection(nameof(InstalledApplianceCollection))]
public sealed class PurgeTests(InstalledAppliance nas)
{
    private const string Question = "rockstor/purge-data";

    [Fact(Timeout = 300_000)]
    public async Task Purge_removes_the_settings_and_deletes_the_data_only_when_the_admin_said_yes()
    {
        Assert.False(nas.DataFolderWasThere, $"{InstalledAppliance.DataFolder} was on this machine before the tests installed the package: it may be a real installation's data, and this test would delete it.");
        var version = Sandbox.Run("dpkg-query", "-W", "-f=${Version}", "rockstor");
        var kept = Path.Combine(InstalledAppliance.DataFolder, "records-to-keep");
        await File.WriteAllTextAsync(kept, "the appliance's data");

        try
        {
            var unasked = InstalledAppliance.StopAndPurge();

            Assert.Contains("its data stays in /var/lib/rockstor", unasked);
            Assert.Equal("the appliance's data", await File.ReadAllTextAsync(kept));
            Assert.False(Directory.Exists("/etc/rockstor"), "purge leaves the settings in /etc/rockstor");
            Assert.False(File.Exists("/var/log/rockstor.log"), "purge leaves the log");

            await nas.InstallAndStartAsync(version);
            Assert.Equal("the appliance's data", await File.ReadAllTextAsync(kept));
            Sandbox.Run("sh", "-c", $"echo 'rockstor {Question} boolean true' | debconf-set-selections");
            var yes = InstalledAppliance.StopAndPurge();

            Assert.Contains("its data in /var/lib/rockstor was deleted", yes);
            Assert.False(Directory.Exists(InstalledAppliance.DataFolder), "the data folder is still there after the admin said yes");
            Assert.False(Directory.Exists("/etc/rockstor"), "purge leaves the settings in /etc/rockstor");
            Assert.DoesNotContain(Question, Sandbox.Run("debconf-show", "rockstor"));

            await nas.InstallAndStartAsync(version);
        }
        finally
        {
            // Whatever happened, the appliance runs for the other package tests, and the answer is no again.
            try
            {
                await nas.EnsureRunningAsync(version);
            }
            finally
            {
                Sandbox.TryRun("sh", "-c", $"echo 'rockstor {Question} boolean false' | debconf-set-selections");
            }
        }

        var shares = await nas.Api.GetFromJsonAsync<JsonElement>("/api/shares");
        Assert.Contains(shares.EnumerateArray(), s => s.GetProperty("name").GetString() == "documents");
    }
}
