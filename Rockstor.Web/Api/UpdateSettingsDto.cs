using Rockstor.Domain.Updates;

namespace Rockstor.Web.Api;

/// <summary>The update settings: the apt source line (null: none), automatic updates, and their window ("03:00-05:00", UTC).</summary>
public sealed record UpdateSettingsDto(string? Source, bool Automatic, string Window)
{
    public static UpdateSettingsDto From(UpdateSettings settings) => new(settings.Source, settings.Automatic, settings.Window.ToString());
}
