using System.Net.Http.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// A backup to a removable disk (a loop device attached and detached as a USB disk is plugged and pulled):
/// mounted for a run, unmounted after, a run skipped and recorded while the disk is away.
/// </summary>
[Collection(nameof(ReplicationCollection))]
public sealed class RemovableTargetTests(TwoAppliances two)
{
    private const string Usb = "usb-backup";

    [Fact(Timeout = 300_000)]
    public async Task A_task_to_a_removable_disk_runs_when_it_is_plugged_in_skips_when_it_is_not_and_leaves_it_unmounted()
    {
        var disk = two.Source.Sandbox.AttachLoopDisk(1L << 30);
        var image = Sandbox.Run("losetup", "--noheadings", "--output", "BACK-FILE", disk).Trim();
        var made = await Ok(two.A.PostAsJsonAsync("/api/pools", new { name = Usb, raidLevel = "single", devices = new[] { disk }, removable = true }));
        Assert.True(made.GetProperty("removable").GetBoolean());
        Assert.False(made.GetProperty("mounted").GetBoolean(), "a removable pool is unmounted once made, ready to be pulled");
        var mountPoint = made.GetProperty("mountPoint").GetString()!;

        var path = await two.CreateShareAsync("usb-docs");
        WriteData(path, seed: 90, smallFiles: 30, largeMiB: 2);
        var taskId = await two.AddTaskAsync("usb-docs", pool: Usb, target: SourceId);
        var first = await two.FinishedAsync(taskId, 1);

        two.AssertSucceeded(first);
        Assert.False(IsMounted(mountPoint), "unmounted after the run, so the disk can be pulled");
        Assert.Equal(Hashes(path), HashesOnDisk(disk, $"{Usb}_usb-docs", first.GetProperty("snapshot").GetString()!));

        // The disk is pulled: the next run is skipped, and says why.
        Sandbox.Run("losetup", "-d", disk);
        var skipped = await two.RunAsync(taskId, finishedBefore: 1);
        Assert.Equal("skipped", skipped.GetProperty("status").GetString());
        Assert.Equal(
            $"The disk of removable pool '{Usb}' is not plugged in, so this run is skipped. Plug it in and run the task now, or its next run finds it.",
            skipped.GetProperty("error").GetString());

        // Plugged in again (under another name, as disks come back): the run finds it, sends what changed, and unmounts it.
        var again = Sandbox.Run("losetup", "--find", "--show", image).Trim();
        File.WriteAllText(Path.Combine(path, "dir2", "later.txt"), "written while the disk was away");
        var third = await two.RunAsync(taskId, finishedBefore: 2);

        two.AssertSucceeded(third);
        Assert.Equal(first.GetProperty("snapshot").GetString(), third.GetProperty("parent").GetString());
        Assert.False(IsMounted(mountPoint));
        Assert.Equal(Hashes(path), HashesOnDisk(again, $"{Usb}_usb-docs", third.GetProperty("snapshot").GetString()!));

        // Mounted by the admin to look at it, it is theirs: ejected from the Pools screen (a pool on a fixed disk is not).
        await Ok(two.A.PostAsJsonAsync($"/api/pools/{Usb}/mount", new { }));
        Assert.True(IsMounted(mountPoint));
        var offered = await TrailAsync(two.B, $"/api/replication/targets/{SourceId}/pools");
        Assert.Contains(offered, p => p.GetProperty("name").GetString() == Pool);
        Assert.DoesNotContain(offered, p => p.GetProperty("name").GetString() == Usb); // never a peer's target
        var ejected = await Ok(two.A.PostAsync(new Uri($"/api/pools/{Usb}/eject", UriKind.Relative), null));
        Assert.False(ejected.GetProperty("mounted").GetBoolean());
        Assert.False(IsMounted(mountPoint));
        using var fixedPool = await two.A.PostAsync(new Uri($"/api/pools/{Pool}/eject", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, fixedPool.StatusCode);
    }

    private static bool IsMounted(string mountPoint) =>
        File.ReadAllLines("/proc/self/mountinfo").Any(line => line.Split(' ')[4] == mountPoint);

    /// <summary>The files of a snapshot on the disk, read through a read-only mount of the test's own.</summary>
    private static SortedDictionary<string, string> HashesOnDisk(string disk, string replicaShare, string snapshot)
    {
        var look = Directory.CreateTempSubdirectory("rockstor-test-usb-").FullName;
        Sandbox.Run("mount", "-o", "ro", disk, look);
        try
        {
            return Hashes(Path.Combine(look, ".snapshots", replicaShare, snapshot));
        }
        finally
        {
            Sandbox.Run("umount", look);
            Directory.Delete(look);
        }
    }
}
