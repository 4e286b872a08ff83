namespace Rockstor.Domain.Updates;

/// <summary>Keeps the automatic update's recurring job in step with the settings (none when automatic updates are off).</summary>
public interface IUpdateScheduler
{
    void Schedule(UpdateSettings settings);
}
