using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// Checks a change of a pool's raid levels before the converting balance starts: the levels must suit
/// the number of devices, and a change that survives fewer lost disks, or goes to raid5/6, needs the
/// admin's confirmation, refused otherwise with the sentence the confirmation dialog shows.
/// </summary>
public static class RaidChange
{
    /// <summary>The metadata level that goes with a data level: at least as redundant, never parity.</summary>
    public static RaidLevel DefaultMetadata(RaidLevel data, int deviceCount) => data switch
    {
        RaidLevel.Single or RaidLevel.Dup => deviceCount == 1 ? RaidLevel.Dup : RaidLevel.Raid1,
        RaidLevel.Raid0 or RaidLevel.Raid1 or RaidLevel.Raid5 => RaidLevel.Raid1,
        RaidLevel.Raid6 => RaidLevel.Raid1c3,
        _ => data,
    };

    /// <summary>Of the levels a pool's chunks have (two while a conversion is half-way), the one that survives the most lost disks.</summary>
    public static RaidLevel MostRedundant(IEnumerable<string> profiles) =>
        profiles.Select(RaidLevels.Parse).OrderByDescending(RaidLevels.DevicesItSurvives).First();

    /// <summary>What the admin is asked before a change that lowers redundancy or uses parity; null when nothing needs asking.</summary>
    public static string? Warning(RaidLevel fromData, RaidLevel fromMetadata, RaidLevel toData, RaidLevel toMetadata)
    {
        var lines = new List<string>();
        if (RaidLevels.DevicesItSurvives(toData) < RaidLevels.DevicesItSurvives(fromData)
            || RaidLevels.DevicesItSurvives(toMetadata) < RaidLevels.DevicesItSurvives(fromMetadata))
        {
            var survives = Math.Min(RaidLevels.DevicesItSurvives(toData), RaidLevels.DevicesItSurvives(toMetadata));
            lines.Add(survives == 0
                ? "After this change the pool no longer survives the loss of a disk: one failed disk loses data."
                : $"After this change the pool survives the loss of {survives} disk(s), fewer than now.");
        }

        if (RaidLevels.IsParity(toData) || RaidLevels.IsParity(toMetadata))
        {
            lines.Add("btrfs warns that raid5 and raid6 have known problems: data being written when the power fails can be lost (the write hole), and btrfs advises against them for anything but testing.");
        }

        return lines.Count == 0 ? null : string.Join(" ", lines);
    }

    /// <summary>
    /// Throws with a sentence when the levels do not suit the devices, or a warning was not confirmed.
    /// <paramref name="halfway"/>: a conversion stopped part-way, so going to the levels it has already is finishing it.
    /// </summary>
    public static void Validate(RaidLevel fromData, RaidLevel fromMetadata, RaidLevel toData, RaidLevel toMetadata, int deviceCount, bool confirmed, bool halfway = false)
    {
        if (RaidLevels.IsParity(toMetadata))
        {
            throw new ValidationException("Metadata cannot be on raid5 or raid6 here: btrfs advises raid1 or raid1c3 for it. Choose one of those.");
        }

        if (toData == RaidLevel.Dup && deviceCount > 1)
        {
            throw new ValidationException("dup keeps both copies on one device; a pool of several disks uses raid1 for two copies.");
        }

        RaidLevels.ValidateDeviceCount(toData, deviceCount);
        RaidLevels.ValidateDeviceCount(toMetadata, deviceCount);
        if (!halfway && toData == fromData && toMetadata == fromMetadata)
        {
            throw new ValidationException($"The pool is {toData.ToProfile()} with metadata on {toMetadata.ToProfile()} already.");
        }

        if (!confirmed && Warning(fromData, fromMetadata, toData, toMetadata) is { } warning)
        {
            throw new ValidationException($"{warning} Confirm the change to go ahead.");
        }
    }
}
