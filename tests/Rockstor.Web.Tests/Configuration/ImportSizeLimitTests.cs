using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using Rockstor.Web.Api;

namespace Rockstor.Web.Tests.Configuration;

/// <summary>An upload larger than any configuration, refused by the real host before its form is buffered.</summary>
public sealed class ImportSizeLimitTests : IAsyncLifetime
{
    private readonly ApplianceProcess _appliance = new();

    public Task InitializeAsync() => _appliance.StartAsync();

    public Task DisposeAsync()
    {
        _appliance.Dispose();
        return Task.CompletedTask;
    }

    [Fact(Timeout = 180_000)]
    public async Task An_upload_larger_than_the_limit_is_refused_as_too_large_and_nothing_is_imported()
    {
        using var admin = await _appliance.SetUpAndLogInAsync();
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/appliance");
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(new byte[ConfigurationApi.MaxRequestBytes + (1 << 20)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "huge.rockstor-config");
        form.Add(new StringContent("a long enough passphrase"), "passphrase");

        // The client waits for the host's word before it sends the body, so a refusal is read, not cut off.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/config/import", UriKind.Relative)) { Content = form };
        request.Headers.ExpectContinue = true;
        using var response = await admin.SendAsync(request);

        // 413 from the host's limit; without it the form was buffered whole and the route's own check said 400.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/appliance");
        Assert.Equal(before.ToString(), after.ToString());
        Assert.DoesNotContain("Imported a configuration", _appliance.Log, StringComparison.Ordinal);
    }
}
