using System.Globalization;
using System.Runtime.InteropServices;
using Rockstor.Bench.Screens;
using Rockstor.Testing;

// How fast the Snapshots, Send and trail screens answer with a large store: SNAPSHOTS snapshots
// (10,000) over TASKS shares (200), a replication task per share with TRAIL_ROWS attempts each (100).
// Two real appliances (the second is the tasks' target), real btrfs on an image file, Debian's
// Chromium. Each screen is opened REPEAT times from another screen inside the running app; the time
// is from asking the app to navigate to the moment the screen's rows are in the page, measured in
// the page. Prints the times; it asserts nothing about them.
var settings = new BenchSettings(
    Snapshots: Setting("SNAPSHOTS", 10_000),
    Tasks: Setting("TASKS", 200),
    TrailRows: Setting("TRAIL_ROWS", 100),
    Repeat: Setting("REPEAT", 7));

// Ctrl-C or a kill: unwind through the clean-up below rather than end at once.
using var cancel = new CancellationTokenSource();
using var interrupted = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminated = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

using var source = new ApplianceProcess(new Dictionary<string, string> { ["Rockstor__ReplicationPort"] = "18102", ["Logging__LogLevel__Default"] = "Warning" });
using var target = new ApplianceProcess(new Dictionary<string, string> { ["Rockstor__ReplicationPort"] = "18103", ["Logging__LogLevel__Default"] = "Warning" });
try
{
    var bench = new ScreenBench(settings, source, target, cancel.Token);
    await bench.SeedAsync();
    await bench.MeasureAsync();
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped; cleaning up.");
    return 130;
}
catch (Exception e)
{
    // Caught so that the appliances, mounts and loop devices above are removed before the process ends.
    Console.Error.WriteLine(e);
    return 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

static int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
