using Rockstor.Domain.Users;

namespace Rockstor.Web.Api;

/// <summary>The machine's users and groups that share files; each route is one call into a domain service.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapGet("/", (UserService service) => service.List().Select(UserDto.From));
        users.MapGet("/{name}", (string name, UserService service) => UserDto.From(service.Get(name)));
        users.MapPost("/", async (UserRequest request, UserService service, CancellationToken ct) =>
        {
            var user = await service.CreateAsync(request, ct);
            return TypedResults.Created($"/api/users/{user.Name}", UserDto.From(user));
        });
        users.MapPut("/{name}", async (string name, UserChange change, UserService service, CancellationToken ct) =>
            UserDto.From(await service.ChangeAsync(name, change, ct)));
        users.MapDelete("/{name}", async (string name, string? sharesOwner, UserService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(name, sharesOwner, ct);
            return TypedResults.NoContent();
        });

        var groups = app.MapGroup("/api/groups").WithTags("Users");
        groups.MapGet("/", (GroupService service) => service.List().Select(GroupDto.From));
        groups.MapGet("/{name}", (string name, GroupService service) => GroupDto.From(service.Get(name)));
        groups.MapPost("/", async (GroupRequest request, GroupService service, CancellationToken ct) =>
        {
            var group = await service.CreateAsync(request, ct);
            return TypedResults.Created($"/api/groups/{group.Name}", GroupDto.From(group));
        });
        groups.MapPut("/{name}", async (string name, GroupMembersBody body, GroupService service, CancellationToken ct) =>
            GroupDto.From(await service.SetMembersAsync(name, body.Members, ct)));
        groups.MapDelete("/{name}", async (string name, GroupService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(name, ct);
            return TypedResults.NoContent();
        });
        return app;
    }
}
