namespace Rockstor.Domain.Updates;

/// <summary>A change of the update settings; a null field stays as it is ("" clears the source).</summary>
public sealed record UpdateSettingsRequest(string? Source, bool? Automatic, string? Window);
