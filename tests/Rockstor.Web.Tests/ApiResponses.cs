using System.Net.Http.Json;
using System.Text.Json;

namespace Rockstor.Web.Tests;

/// <summary>What the tests read from the API's answers: a success's JSON, or a refusal's sentence.</summary>
internal static class ApiResponses
{
    /// <summary>The answer's JSON (default for an empty body), failing the test with the status and body when it is not a success.</summary>
    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The sentence of a refusal (the problem's detail).</summary>
    public static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? "";
}
