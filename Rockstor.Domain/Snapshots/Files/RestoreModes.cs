using Rockstor.Domain.Common;

namespace Rockstor.Domain.Snapshots.Files;

/// <summary>The restore mode as a request names it: "beside" (the default) or "replace".</summary>
public static class RestoreModes
{
    public static RestoreMode Parse(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        null or "" or "beside" => RestoreMode.Beside,
        "replace" => RestoreMode.Replace,
        _ => throw new ValidationException($"A restore puts files \"beside\" the current ones or in their place (\"replace\"), not \"{Echo.Of(mode)}\"."),
    };

    public static string Name(RestoreMode mode) => mode == RestoreMode.Replace ? "replace" : "beside";
}
