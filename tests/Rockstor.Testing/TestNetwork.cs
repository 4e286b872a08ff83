using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Rockstor.Testing;

/// <summary>
/// Separate hosts on this machine: one network namespace per host (named rockstor-PID-N-I), each with a
/// private address on a bridge in the test's own namespace, so the test reaches every host and the hosts
/// reach each other. Each network has a subnet (10.231.x) no other network on the machine has, whichever
/// test process made it: test processes run side by side. Dispose deletes the namespaces and the bridge; a
/// new network first sweeps those of test processes that are gone.
/// </summary>
public sealed class TestNetwork : IDisposable
{
    private const string NamespacePrefix = "rockstor-";

    /// <summary>An abstract socket's name (nothing on disk): one process at a time binds it, and it goes with its process.</summary>
    private const string SubnetLock = "\0rockstor-test-networks";

    private static int _networks;

    private readonly string _bridge;
    private readonly List<TestHost> _hosts = [];

    public TestNetwork(int hosts)
    {
        Sweep();
        var pid = Environment.ProcessId;
        var n = Interlocked.Increment(ref _networks);
        Tag = $"{pid}-{n}";
        _bridge = $"rk{pid}b{n % 10}";
        try
        {
            using (HoldSubnetLock())
            {
                Subnet = FreeSubnet((pid + n) % 250 + 1);
                Sandbox.Run("ip", "link", "add", _bridge, "type", "bridge");
                WithoutIpv6(_bridge);
                Sandbox.Run("ip", "addr", "add", $"{Subnet}.1/24", "dev", _bridge);
            }

            Sandbox.Run("ip", "link", "set", _bridge, "up");
            for (var i = 0; i < hosts; i++)
            {
                _hosts.Add(AddHost(pid, n, i));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Tag { get; }

    /// <summary>The first three octets of the network (10.231.x).</summary>
    public string Subnet { get; } = "";

    public IReadOnlyList<TestHost> Hosts => _hosts;

    /// <summary>The test's own address on the network: hosts reach what the test process listens on there.</summary>
    public string Gateway => $"{Subnet}.1";

    /// <summary>An address on the network where no host answers.</summary>
    public string NobodyAddress => $"{Subnet}.250";

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            Sandbox.TryRun("ip", "netns", "del", host.Namespace);
        }

        Sandbox.TryRun("ip", "link", "del", _bridge);
    }

    /// <summary>Waits (up to 30 s) until this process alone may pick a subnet; disposing the socket lets the next one.</summary>
    private static Socket HoldSubnetLock()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Bind(new UnixDomainSocketEndPoint(SubnetLock));
                return socket;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                Thread.Sleep(50);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>The first 10.231.x subnet, from <paramref name="preferred"/> on, that no address of the machine is in.</summary>
    private static string FreeSubnet(int preferred)
    {
        var used = Regex.Matches(Sandbox.Run("ip", "-4", "-o", "addr", "show"), @"inet 10\.231\.(\d+)\.")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        var free = Enumerable.Range(0, 250).Select(i => (preferred - 1 + i) % 250 + 1).FirstOrDefault(x => !used.Contains(x));
        return free > 0 ? $"10.231.{free}" : throw new InvalidOperationException("Every 10.231.x subnet is taken by a test network.");
    }

    /// <summary>
    /// No IPv6 on a link made in the machine's own namespace: its link-local address would appear a
    /// second or so after the link comes up, and a browser running then takes that for a network change
    /// and aborts its requests (net::ERR_NETWORK_CHANGED).
    /// </summary>
    private static void WithoutIpv6(string link)
    {
        var setting = $"/proc/sys/net/ipv6/conf/{link}/disable_ipv6";
        if (File.Exists(setting))
        {
            File.WriteAllText(setting, "1");
        }
    }

    private TestHost AddHost(int pid, int n, int i)
    {
        var name = $"{NamespacePrefix}{Tag}-{i}";
        var outside = $"rk{pid}v{n % 10}{i}";
        var address = $"{Subnet}.{10 + i}";
        Sandbox.Run("ip", "netns", "add", name);
        var host = new TestHost(name, address);
        Sandbox.Run("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", name);
        WithoutIpv6(outside);
        Sandbox.Run("ip", "link", "set", outside, "master", _bridge);
        Sandbox.Run("ip", "link", "set", outside, "up");
        Sandbox.Run("ip", "-n", name, "addr", "add", $"{address}/24", "dev", "eth0");
        Sandbox.Run("ip", "-n", name, "link", "set", "eth0", "up");
        Sandbox.Run("ip", "-n", name, "link", "set", "lo", "up");
        return host;
    }

    /// <summary>Deletes namespaces and bridges left by test processes that no longer run.</summary>
    private static void Sweep()
    {
        foreach (var line in Sandbox.Run("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (name.StartsWith(NamespacePrefix, StringComparison.Ordinal) && Owner(name[NamespacePrefix.Length..]) is { } pid && !Alive(pid))
            {
                Sandbox.TryRun("ip", "netns", "del", name);
            }
        }

        foreach (var line in Sandbox.Run("ip", "-o", "link", "show", "type", "bridge").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(':', 3)[1].Trim();
            if (name.StartsWith("rk", StringComparison.Ordinal) && name.IndexOf('b', 2) is > 2 and var b
                && int.TryParse(name[2..b], out var pid) && !Alive(pid))
            {
                Sandbox.TryRun("ip", "link", "del", name);
            }
        }
    }

    private static int? Owner(string rest) =>
        rest.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash && int.TryParse(rest[..dash], out var pid) ? pid : null;

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");
}

/// <summary>One host of a <see cref="TestNetwork"/>: its namespace and address.</summary>
public sealed record TestHost(string Namespace, string Address);
