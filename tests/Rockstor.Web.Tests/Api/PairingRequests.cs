using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>The requests the pairing tests make: pairing with or without a fingerprint, and reading what each side lists.</summary>
public static class PairingRequests
{
    /// <summary>Pairs with the other appliance, giving the fingerprint its own API shows (what its admin reads on its About page).</summary>
    public static async Task<HttpResponseMessage> PairAsync(HttpClient from, ApplianceProcess to, HttpClient toAdmin, string password = "correct-horse") =>
        await PairWithAsync(from, to, await FingerprintAsync(toAdmin), password);

    public static Task<HttpResponseMessage> PairWithAsync(HttpClient from, ApplianceProcess to, string? fingerprint, string password = "correct-horse") =>
        from.PostAsJsonAsync("/api/appliances", new { host = to.Address, mgmtPort = to.Port, username = "admin", password, fingerprint });

    public static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/appliances")).EnumerateArray().ToList();

    public static async Task<string> FingerprintAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString()!;

    public static string? Id(JsonElement appliance) => appliance.GetProperty("id").GetString();
}
