using Rockstor.Domain.Common;

namespace Rockstor.Domain.Storage;

/// <summary>What each data profile needs, and its name as mkfs.btrfs and the API spell it.</summary>
public static class RaidLevels
{
    /// <summary>The fewest devices btrfs accepts for each profile.</summary>
    public static int MinimumDevices(RaidLevel level) => level switch
    {
        RaidLevel.Single => 1,
        RaidLevel.Dup => 1,
        RaidLevel.Raid0 => 2,
        RaidLevel.Raid1 => 2,
        RaidLevel.Raid1c3 => 3,
        RaidLevel.Raid1c4 => 4,
        RaidLevel.Raid10 => 4,
        RaidLevel.Raid5 => 2,
        RaidLevel.Raid6 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>How many devices the pool can lose without losing data at this level.</summary>
    public static int DevicesItSurvives(RaidLevel level) => level switch
    {
        RaidLevel.Raid1 or RaidLevel.Raid10 or RaidLevel.Raid5 => 1,
        RaidLevel.Raid1c3 or RaidLevel.Raid6 => 2,
        RaidLevel.Raid1c4 => 3,
        _ => 0,
    };

    /// <summary>raid5 and raid6 can lose data that was being written when the power failed (btrfs's "write hole"); btrfs advises against them.</summary>
    public static bool IsParity(RaidLevel level) => level is RaidLevel.Raid5 or RaidLevel.Raid6;

    /// <summary>The profile name as mkfs.btrfs and the API spell it.</summary>
    public static string ToProfile(this RaidLevel level) => level.ToString().ToLowerInvariant();

    public static RaidLevel Parse(string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            foreach (var level in Enum.GetValues<RaidLevel>())
            {
                if (string.Equals(level.ToProfile(), value.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return level;
                }
            }
        }

        throw new ValidationException(
            $"'{value}' is not a raid level. Choose one of: {string.Join(", ", Enum.GetValues<RaidLevel>().Select(l => l.ToProfile()))}.");
    }

    public static void ValidateDeviceCount(RaidLevel level, int deviceCount)
    {
        var minimum = MinimumDevices(level);
        if (deviceCount < minimum)
        {
            var devices = minimum == 1 ? "device" : "devices";
            throw new ValidationException(
                $"{level.ToProfile()} needs at least {minimum} {devices}; {deviceCount} {(deviceCount == 1 ? "was" : "were")} given.");
        }
    }
}
