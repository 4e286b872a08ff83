namespace Rockstor.Web.Api;

/// <summary>PUT /api/groups/{name}: exactly these users become the group's members.</summary>
public sealed record GroupMembersBody(IReadOnlyList<string>? Members);
