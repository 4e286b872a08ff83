using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Pools;

public sealed class PoolHealthTests
{
    [Fact]
    public async Task A_pool_with_a_missing_device_is_degraded_and_its_devices_error_counters_add_up()
    {
        var nas = await Appliance.StartAloneAsync();
        var device = (await nas.Pools.GetAsync(Appliance.Pool, CancellationToken.None)).Devices.Single().Path!;
        var mirror = await nas.Pools.CreateAsync(new CreateImagePool("mirror", 1, ImageCount: 2, RaidLevel.Raid1), CancellationToken.None);
        nas.Btrfs.DeviceErrorCounters[device] = new DeviceErrors(Write: 0, Read: 3, Flush: 0, Corruption: 2, Generation: 0);
        nas.Btrfs.MissingDevices.Add(mirror.Pool.Devices[1]);

        var tank = await nas.Pools.GetAsync(Appliance.Pool, CancellationToken.None);
        var halved = await nas.Pools.GetAsync("mirror", CancellationToken.None);

        Assert.Equal((false, 5L), (tank.Degraded, tank.DeviceErrors));
        Assert.Equal((true, 0L), (halved.Degraded, halved.DeviceErrors));
        Assert.Equal([false, true], halved.Devices.Select(d => d.Missing));
    }
}
