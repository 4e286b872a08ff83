using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Rockstor.Web.Accounts;

/// <summary>
/// The web-ui circuit's login, as the framework's, but watched: when the login ends (logout or a new
/// password anywhere, or its absolute lifetime) the open pages become logged out and go to the login page.
/// </summary>
public sealed class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private readonly SessionWatch _watch;
    private readonly Lock _gate = new();
    private IDisposable? _watching;

    /// <summary>Whether this circuit's login was ended while it was open (the login page then says why).</summary>
    public bool Ended { get; private set; }

    public SessionAuthenticationStateProvider(SessionWatch watch)
    {
        _watch = watch;
        AuthenticationStateChanged += OnChanged;
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= OnChanged;
        lock (_gate)
        {
            _watching?.Dispose();
            _watching = null;
        }
    }

    private void OnChanged(Task<AuthenticationState> changed) => _ = WatchAsync(changed);

    private async Task WatchAsync(Task<AuthenticationState> changed)
    {
        var session = SessionClaims.Read((await changed).User);
        IDisposable? previous;
        lock (_gate)
        {
            previous = _watching;
            _watching = null;
        }

        previous?.Dispose();
        if (session is not null)
        {
            var watching = _watch.Watch(session, LogOut);
            lock (_gate)
            {
                _watching = watching;
            }
        }
    }

    private void LogOut()
    {
        Ended = true;
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }
}
