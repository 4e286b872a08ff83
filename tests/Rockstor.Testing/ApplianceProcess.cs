using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Rockstor.Testing;

/// <summary>
/// A real appliance: the built Rockstor.Web on Kestrel in a process of its own, with its data directory
/// and mount root in a sandbox. Dispose stops the process (SIGTERM, then SIGKILL after <see cref="StopGrace"/>),
/// then unmounts, detaches and deletes what it made.
/// </summary>
public sealed partial class ApplianceProcess : IDisposable
{
    /// <summary>How long a stopped appliance has to end on its own before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private const int Sigterm = 15;

    private readonly Dictionary<string, string> _settings;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private readonly TestHost? _host;

    /// <param name="settings">Environment variables for the appliance (Rockstor__...).</param>
    /// <param name="host">A host of a <see cref="TestNetwork"/> to run in; by default the machine's loopback.</param>
    /// <param name="sandboxBase">Where its sandbox is made (such as <see cref="Sandbox.RootOnlyBase"/>); the system's temporary folder by default.</param>
    public ApplianceProcess(IReadOnlyDictionary<string, string>? settings = null, TestHost? host = null, string? sandboxBase = null)
    {
        _host = host;
        Sandbox = new Sandbox(sandboxBase);
        Port = host is null ? FreePort() : 8443;
        _settings = new Dictionary<string, string>
        {
            ["Rockstor__DataDirectory"] = Sandbox.DataDirectory,
            ["Rockstor__MountRoot"] = Sandbox.MountRoot,
            ["Rockstor__AllowLoopDevicesAsDisks"] = "true",
            ["Rockstor__LoginAttemptsPerMinute"] = "1000",

            // No diagnostics port: a killed runtime leaves its /tmp/dotnet-diagnostic-* socket and
            // clr-debug-pipe-* files behind, and the tests kill appliances on purpose.
            ["DOTNET_EnableDiagnostics"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }
    }

    public Sandbox Sandbox { get; }

    public int Port { get; }

    /// <summary>The address other appliances and the test use to reach this one.</summary>
    public string Address => _host?.Address ?? "127.0.0.1";

    public Uri BaseAddress => new($"https://{Address}:{Port}/");

    /// <summary>The running appliance's process id (to read its /proc entry), or null when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } running ? running.Id : null;

    /// <summary>This appliance's web origin, as a browser names it in the Origin header.</summary>
    public string Origin => $"https://{Address}:{Port}";

    /// <summary>What the appliance wrote to stdout and stderr, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The checkout's root: the folder above the test's that holds Rockstor.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Rockstor.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Rockstor.sln was not found above the test's folder.");
        }
    }

    public static string WebAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryRoot, "Rockstor.Web", "bin", configuration, "net10.0", "Rockstor.Web.dll");
        }
    }

    public async Task StartAsync()
    {
        // In a test host, only the network namespace changes (nsenter --net), so the appliance's mounts stay
        // visible to the test and its sandbox can remove them.
        var start = new ProcessStartInfo(_host is null ? "dotnet" : "nsenter")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(WebAssembly)!,
        };
        if (_host is not null)
        {
            start.ArgumentList.Add($"--net=/run/netns/{_host.Namespace}");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(WebAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"https://{Address}:{Port}");
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The appliance did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Healthy, or gone: an appliance that exits at start fails the test at once, not after the wait.
        using var client = CreateClient();
        using var stop = new CancellationTokenSource();
        var exited = _process.WaitForExitAsync(stop.Token);
        var healthy = Waiting.UntilAsync(
            async () => (await client.GetAsync(new Uri("/healthz", UriKind.Relative), stop.Token)).EnsureSuccessStatusCode(),
            TimeSpan.FromSeconds(60),
            stop.Token);
        var first = await Task.WhenAny(healthy, exited);
        await stop.CancelAsync();
        if (first == exited)
        {
            throw new InvalidOperationException($"The appliance exited with {_process.ExitCode}:\n{Log}");
        }

        try
        {
            await healthy;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new TimeoutException($"The appliance did not answer /healthz within 60 s:\n{Log}", e);
        }
    }

    /// <summary>Kills the process as a power cut would; pools stay mounted, as they would after a crash.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Stops the process as the service manager would (SIGTERM: the host shuts down and ends its commands);
    /// kills it with whatever it started when it is still there after <see cref="StopGrace"/>.
    /// </summary>
    public void Stop()
    {
        if (_process is { HasExited: false } && SendSignal(_process.Id, Sigterm) == 0)
        {
            _process.WaitForExit(StopGrace);
        }

        Kill();
    }

    /// <summary>An HTTPS client for this appliance (its certificate is self-signed) that keeps cookies (in <paramref name="cookies"/> when given).</summary>
    public HttpClient CreateClient(bool followRedirects = false, CookieContainer? cookies = null) => HttpsClient(BaseAddress, followRedirects, cookies);

    /// <summary>An HTTPS client for an appliance at <paramref name="baseAddress"/> (its certificate is self-signed) that keeps cookies.</summary>
    public static HttpClient HttpsClient(Uri baseAddress, bool followRedirects = false, CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            AllowAutoRedirect = followRedirects,
            CookieContainer = cookies ?? new CookieContainer(),
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Sets the appliance up and returns a client that sends the admin's bearer token.</summary>
    public async Task<HttpClient> SetUpAndLogInAsync(string username = "admin", string password = "correct-horse", string hostname = "nas1")
    {
        using (var anonymous = CreateClient())
        {
            (await anonymous.PostAsJsonAsync("/api/setup", new { username, password, hostname })).EnsureSuccessStatusCode();
        }

        return await LogInAsync(username, password);
    }

    /// <summary>A client that sends a bearer token for the account.</summary>
    public async Task<HttpClient> LogInAsync(string username = "admin", string password = "correct-horse")
    {
        using var anonymous = CreateClient();
        var token = await anonymous.PostAsJsonAsync("/api/auth/token", new { username, password });
        token.EnsureSuccessStatusCode();
        var body = await token.Content.ReadFromJsonAsync<TokenResponse>();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", body!.AccessToken);
        return client;
    }

    /// <summary>
    /// A client that logs in through the login form as a browser does (the form's antiforgery token, this
    /// appliance's Origin) and then holds the login cookie, in <paramref name="cookies"/> when given.
    /// </summary>
    public async Task<HttpClient> LogInWithFormAsync(string username = "admin", string password = "correct-horse", CookieContainer? cookies = null)
    {
        var client = CreateClient(cookies: cookies);
        var page = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery,
                ["username"] = username,
                ["password"] = password,
            }),
        };
        form.Headers.Add("Origin", Origin);
        var response = await client.SendAsync(form);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            client.Dispose();
            throw new InvalidOperationException($"The login form answered {(int)response.StatusCode} to {response.Headers.Location}.");
        }

        return client;
    }

    public void Dispose()
    {
        Stop();
        Sandbox.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    /// <summary>Whether something accepts TCP connections on the port at this appliance's address.</summary>
    public async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(Address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    private sealed record TokenResponse(string AccessToken);
}
