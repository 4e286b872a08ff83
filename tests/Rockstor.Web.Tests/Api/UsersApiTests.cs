using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Api;

/// <summary>Users, groups and share owners through a real appliance's API, with real accounts of this machine.</summary>
public sealed class UsersApiTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>, IDisposable
{
    private readonly TestAccounts _accounts = new();

    private HttpClient Admin => fixture.Admin;

    public void Dispose() => _accounts.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task A_user_made_through_the_api_is_listed_as_managed_beside_the_read_only_system_accounts()
    {
        var name = _accounts.Name();

        var made = await Created(await Admin.PostAsJsonAsync("/api/users", new { name, password = "correct-horse-1", fullName = "Api Person" }));

        Assert.True(made.GetProperty("managed").GetBoolean());
        Assert.Equal(name, made.GetProperty("primaryGroup").GetString());
        Assert.True(TestAccounts.UserExists(name));
        var listed = await Admin.GetFromJsonAsync<JsonElement>("/api/users");
        Assert.Contains(listed.EnumerateArray(), u => u.GetProperty("name").GetString() == name && u.GetProperty("managed").GetBoolean());
        Assert.Contains(listed.EnumerateArray(), u => u.GetProperty("name").GetString() == "root" && !u.GetProperty("managed").GetBoolean());
        var changeRoot = await Admin.PutAsJsonAsync("/api/users/root", new { password = "new-root-password" });
        Assert.Equal(HttpStatusCode.Conflict, changeRoot.StatusCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{\"name\":\"root\",\"password\":\"correct-horse-1\"}", "reserved for the system")]
    [InlineData("{\"name\":\"admin\",\"password\":\"correct-horse-1\"}", "reserved for the system")]
    [InlineData("{\"name\":\"Bad Name\",\"password\":\"correct-horse-1\"}", "is not a valid user name")]
    [InlineData("{\"name\":\"rtx\",\"password\":\"short\"}", "at least 8 characters")]
    [InlineData("{\"name\":\"rtx\",\"password\":\"correct-horse-1\",\"uid\":5}", "must be between 1000 and 59999")]
    [InlineData("{\"name\":\"rtx\",\"password\":\"correct-horse-1\",\"primaryGroup\":\"sudo\"}", "cannot be a primary group")]
    [InlineData("{\"name\":\"rtx\",\"password\":\"correct-horse-1\",\"shell\":\"/tmp/x\"}", "is not a login shell")]
    public async Task Bad_input_for_a_user_is_refused_with_a_sentence_and_makes_no_account(string body, string sentence)
    {
        var response = await Admin.PostAsync(new Uri("/api/users", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(sentence, await DetailAsync(response), StringComparison.Ordinal);
        Assert.False(TestAccounts.UserExists("rtx"));
    }

    [Fact(Timeout = 180_000)]
    public async Task Deleting_a_user_who_owns_a_share_needs_a_new_owner_and_the_share_then_belongs_to_it()
    {
        var name = _accounts.Name();
        var team = _accounts.Name('g');
        await Created(await Admin.PostAsJsonAsync("/api/users", new { name, password = "correct-horse-1" }));
        await Created(await Admin.PostAsJsonAsync("/api/groups", new { name = team, members = new[] { name } }));
        await Created(await Admin.PostAsJsonAsync("/api/pools", new { name = "owned", imageSizeGiB = 1 }));
        var share = await Created(await Admin.PostAsJsonAsync("/api/shares", new { pool = "owned", name = "owned-docs" }));

        var changed = await Admin.PutAsJsonAsync("/api/shares/owned-docs", new { owner = name, group = team, mode = "0770", sizeLimitGiB = 0.5, compression = "lzo" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var shown = await Admin.GetFromJsonAsync<JsonElement>("/api/shares/owned-docs");
        Assert.Equal((name, team, "0770", 536_870_912L, "lzo"), (shown.GetProperty("owner").GetString(), shown.GetProperty("group").GetString(), shown.GetProperty("mode").GetString(), shown.GetProperty("sizeLimitBytes").GetInt64(), shown.GetProperty("compression").GetString()));
        var uid = Sandbox.Run("id", "-u", name).Trim();
        Assert.Equal($"{uid} 770", Sandbox.Run("stat", "-c", "%u %a", share.GetProperty("path").GetString()!).Trim());

        var asked = await Admin.DeleteAsync(new Uri($"/api/users/{name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        Assert.Contains("owns the share(s) owned-docs", await DetailAsync(asked), StringComparison.Ordinal);
        var groupInUse = await Admin.DeleteAsync(new Uri($"/api/groups/{team}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, groupInUse.StatusCode);

        var deleted = await Admin.DeleteAsync(new Uri($"/api/users/{name}?sharesOwner=root", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(TestAccounts.UserExists(name));
        Assert.Equal("root", (await Admin.GetFromJsonAsync<JsonElement>("/api/shares/owned-docs")).GetProperty("owner").GetString());
        Assert.Equal("0 770", Sandbox.Run("stat", "-c", "%u %a", share.GetProperty("path").GetString()!).Trim());
        var members = await Admin.GetFromJsonAsync<JsonElement>($"/api/groups/{team}");
        Assert.Equal(0, members.GetProperty("members").GetArrayLength());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{\"owner\":\"daemon\"}", "cannot own a share")]
    [InlineData("{\"mode\":\"4777\"}", "is not a folder mode")]
    [InlineData("{\"sizeLimitGiB\":-2}", "The size limit must be between 0")]
    [InlineData("{\"compression\":\"zlib\"}", "is not a compression")]
    public async Task Bad_share_settings_are_refused_with_a_sentence_and_change_nothing(string body, string sentence)
    {
        await Admin.PostAsJsonAsync("/api/pools", new { name = "plain", imageSizeGiB = 1 });
        await Admin.PostAsJsonAsync("/api/shares", new { pool = "plain", name = "plain-docs" });

        var response = await Admin.PutAsync(new Uri("/api/shares/plain-docs", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(sentence, await DetailAsync(response), StringComparison.Ordinal);
        var shown = await Admin.GetFromJsonAsync<JsonElement>("/api/shares/plain-docs");
        Assert.Equal(("root", "0755", 0L, "off"), (shown.GetProperty("owner").GetString(), shown.GetProperty("mode").GetString(), shown.GetProperty("sizeLimitBytes").GetInt64(), shown.GetProperty("compression").GetString()));
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
