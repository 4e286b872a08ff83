using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests;

/// <summary>
/// What an appliance offers to import, narrowed to the pool on its own image files: every appliance on the
/// machine sees every loop device, and test processes running side by side leave pools of their own unmounted.
/// </summary>
public static class ImportCandidates
{
    /// <summary>The one importable pool whose devices are loop devices over files in the appliance's sandbox.</summary>
    public static async Task<JsonElement> OwnAsync(HttpClient admin, ApplianceProcess appliance)
    {
        var own = Sandbox.LoopDevicesUnder(appliance.Sandbox.Root);
        var offered = (await admin.GetFromJsonAsync<JsonElement>("/api/pools/importable")).EnumerateArray().ToList();
        return offered.Single(c => c.GetProperty("devices").EnumerateArray().Any(d => own.Contains(d.GetString()!)));
    }
}
