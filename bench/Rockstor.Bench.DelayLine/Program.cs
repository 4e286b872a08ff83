using System.Globalization;
using System.Net;
using Rockstor.Bench.DelayLine;

// A TCP link with latency and a rate cap, for bench/replication.sh (DELAY_MS, LINK_MBPS). See Usage.
const string Usage = """
    Rockstor.Bench.DelayLine: a TCP link with latency and a rate cap, on this machine.

      --listen HOST:PORT --to HOST:PORT [--delay-ms N] [--rate-mbps R] [--queue-mib Q]
        Accepts any number of connections on HOST:PORT and joins each to --to. Each direction of each
        connection is a link of its own: it takes what the sender sends at no more than R MB/s (10^6
        bytes a second; 0, the default, is no cap), by a token bucket per direction per connection,
        64 KiB deep, and hands it on N ms after it has gone through (one way: a round trip costs 2N;
        default 0). So a sender meets the rate at once, as at a real bottleneck, with only the kernel's
        socket buffers in between. What is on its way is held, up to Q MiB per direction (default 64),
        while reading goes on; past that the delay line stops reading and TCP holds the sender back. A
        half-close is passed on once what came before it has left; a reset, or the target refusing the
        connection, resets both sides.
        Not modelled: loss, and TCP's own handshake and window (the delay line acknowledges at once).

      --serve HOST:PORT
        Accepts one connection, writes what it receives to standard output and ends, as nc -l does:
        the receiving end of a pipe over the link.

    HOST is an IP address. Example: --listen 127.0.0.1:18100 --to 127.0.0.1:18003 --delay-ms 40 --rate-mbps 20
    """;

if (args is ["--help" or "-h"])
{
    Console.WriteLine(Usage);
    return 0;
}

if (args is ["--serve", var serve] && Endpoint(serve) is { } served)
{
    await StdoutServer.RunAsync(served);
    return 0;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length && args.Length % 2 == 0; i += 2)
{
    options[args[i]] = args[i + 1];
}

string[] known = ["--listen", "--to", "--delay-ms", "--rate-mbps", "--queue-mib"];
if (options.Count * 2 != args.Length
    || options.Keys.Except(known).Any()
    || Endpoint(options.GetValueOrDefault("--listen")) is not { } listen
    || Endpoint(options.GetValueOrDefault("--to")) is not { } target
    || Number(options.GetValueOrDefault("--delay-ms", "0")) is not { } delayMs
    || Number(options.GetValueOrDefault("--rate-mbps", "0")) is not { } rateMBps
    || Number(options.GetValueOrDefault("--queue-mib", "64")) is not ({ } queueMiB and >= 1))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var link = new LinkSettings(TimeSpan.FromMilliseconds(delayMs), rateMBps * 1e6, (long)(queueMiB * 1024 * 1024));
await new LinkProxy(listen, target, link, TimeProvider.System).RunAsync();
return 0;

static IPEndPoint? Endpoint(string? text) =>
    IPEndPoint.TryParse(text ?? "", out var endpoint) && endpoint.Port != 0 ? endpoint : null;

static double? Number(string text) =>
    double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value) ? value : null;
