namespace Rockstor.EndToEnd;

/// <summary>What the fixtures ask of an appliance's API to set the scene.</summary>
public static class Requests
{
    /// <summary>Awaits the request and fails the test with the appliance's answer unless it succeeded.</summary>
    public static async Task Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
