using Rockstor.Domain.Updates;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The update settings in memory, and the automatic update's job as the scheduler last set it.</summary>
public sealed class UpdateSettingsRecord : IUpdateSettingsStore, IUpdateScheduler
{
    public UpdateSettings Stored { get; private set; } = UpdateSettings.None;

    /// <summary>The settings the automatic update's job was last scheduled with (null: never).</summary>
    public UpdateSettings? Scheduled { get; private set; }

    public UpdateSettings Load() => Stored;

    public void Save(UpdateSettings settings) => Stored = settings;

    public void Schedule(UpdateSettings settings) => Scheduled = settings;
}
