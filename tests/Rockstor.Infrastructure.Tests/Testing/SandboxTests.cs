using System.Diagnostics;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Testing;

/// <summary>The fixtures themselves: nothing a test made outlives it, even when it fails or is killed.</summary>
public sealed class SandboxTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_failing_test_still_leaves_no_mount_loop_device_or_file_behind()
    {
        string root;
        var host = new StorageHost();
        try
        {
            root = host.Sandbox.Root;
            await host.CreateImagePoolAsync();
            host.Sandbox.AttachLoopDisk();
            Assert.NotEmpty(Sandbox.MountsUnder(root));
            await Assert.ThrowsAsync<InvalidOperationException>(() => throw new InvalidOperationException("the test fails here"));
        }
        finally
        {
            host.Dispose();
        }

        Assert.Empty(Sandbox.MountsUnder(root));
        Assert.Empty(Sandbox.LoopDevicesUnder(root));
        Assert.False(Directory.Exists(root));
    }

    [Fact(Timeout = 120_000)] // on the thread pool: xUnit times only what runs after the test's first await
    public async Task A_new_sandbox_sweeps_what_a_killed_test_run_left_behind() => await Task.Run(() =>
    {
        // In a folder of this test's own, so the sweeps of other test processes running now leave it alone.
        using var mine = new Sandbox();
        var dead = Process.Start("true")!;
        dead.WaitForExit();
        var stale = Path.Combine(mine.Root, $"{Sandbox.Prefix}{dead.Id}-stale");
        Directory.CreateDirectory(Path.Combine(stale, "mnt"));
        var image = Path.Combine(stale, "left.img");
        using (var file = File.Create(image))
        {
            file.SetLength(256L << 20);
        }

        Sandbox.Run("mkfs.btrfs", "-q", image);
        var loop = Sandbox.Run("losetup", "--find", "--show", image).Trim();
        Sandbox.Run("mount", loop, Path.Combine(stale, "mnt"));

        using var fresh = new Sandbox(baseDirectory: mine.Root);

        Assert.Empty(Sandbox.MountsUnder(stale));
        Assert.Empty(Sandbox.LoopDevicesUnder(stale));
        Assert.False(Directory.Exists(stale));
    });
}
