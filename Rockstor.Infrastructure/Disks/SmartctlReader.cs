using Rockstor.Domain.Common;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Disks;

/// <summary>
/// smartctl (smartmontools) in JSON mode. Its exit status is a bit mask: the low three bits say it could
/// not talk to the disk; the others report what it found, which the data itself shows.
/// </summary>
public sealed class SmartctlReader(CommandRunner runner) : ISmartReader
{
    private const string Smartctl = "smartctl";

    /// <summary>Command line not understood, device not opened, or a SMART command failed.</summary>
    private const int CouldNotAsk = 0b111;

    /// <summary>A dying disk can keep smartctl waiting for minutes; the read is given up after this.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

    public Task<SmartReport> ReadAsync(string device, CancellationToken ct) => ReadAsync(device, ["-j", "-a", device], ct);

    public Task<SmartReport> ReadIfAwakeAsync(string device, CancellationToken ct) => ReadAsync(device, ["-j", "-a", "-n", "standby", device], ct);

    private async Task<SmartReport> ReadAsync(string device, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        string output;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            (_, output) = await runner.ProbeAsync(Smartctl, arguments, timeout.Token).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return SmartReport.None(device, "smartctl is not installed (Debian's smartmontools; the install script adds it).");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SmartReport.None(device, $"smartctl did not answer within {ReadTimeout.TotalSeconds:0} s: the disk may be failing.");
        }

        try
        {
            return SmartctlParser.Parse(device, output);
        }
        catch (System.Text.Json.JsonException)
        {
            return SmartReport.None(device, "smartctl gave no readable answer for this disk.");
        }
    }

    public async Task StartSelfTestAsync(string device, SelfTestKind kind, CancellationToken ct)
    {
        var (exit, output) = await runner.ProbeAsync(Smartctl, ["-t", kind == SelfTestKind.Long ? "long" : "short", device], ct).ConfigureAwait(false);
        if ((exit & CouldNotAsk) != 0)
        {
            throw new StorageCommandException($"Could not start a {kind.ToString().ToLowerInvariant()} self-test on {device}", $"smartctl -t {kind} {device}", output);
        }
    }
}
