namespace Rockstor.Domain.Updates;

/// <summary>
/// Where new versions come from (an apt source line, null: nowhere yet), whether they are installed on
/// their own, and in which hours.
/// </summary>
public sealed record UpdateSettings(string? Source, bool Automatic, UpdateWindow Window)
{
    public static UpdateSettings None { get; } = new(null, false, UpdateWindow.Default);
}
