using LiteDB;
using Rockstor.Domain.Updates;
using Rockstor.Infrastructure.Persistence;

namespace Rockstor.Infrastructure.Updates;

internal sealed class UpdateSettingsDocument
{
    /// <summary>Always 1: one set of update settings.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    public string? Source { get; set; }

    public bool Automatic { get; set; }

    public string? Window { get; set; }
}

internal sealed class UpdateSettingsStore(RockstorDatabase db) : IUpdateSettingsStore
{
    private ILiteCollection<UpdateSettingsDocument> Collection => db.Database.GetCollection<UpdateSettingsDocument>("update_settings");

    public UpdateSettings Load() => Collection.FindById(1) is { } d
        ? new UpdateSettings(d.Source, d.Automatic, d.Window is null ? UpdateWindow.Default : UpdateWindow.Parse(d.Window))
        : UpdateSettings.None;

    public void Save(UpdateSettings settings) =>
        Collection.Upsert(new UpdateSettingsDocument { Source = settings.Source, Automatic = settings.Automatic, Window = settings.Window.ToString() });
}
