using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>Loads this appliance's identity at start, making it the first time (or taking the configured one).</summary>
public sealed class ApplianceIdentity(IApplianceStore store)
{
    public ApplianceInfo Ensure(string? configuredId)
    {
        if (configuredId is not null && !ApplianceIds.IsValid(configuredId))
        {
            throw new ValidationException($"The configured appliance id '{Echo.Of(configuredId)}' is not valid: use lowercase hex digits and '-', at most 36.");
        }

        var current = store.Get();
        if (current is not null && (configuredId is null || current.Id == configuredId))
        {
            return current;
        }

        var appliance = new ApplianceInfo { Id = configuredId ?? ApplianceIds.New(), Hostname = current?.Hostname };
        store.Save(appliance);
        return appliance;
    }

    public ApplianceInfo Current => store.Get() ?? throw new InvalidOperationException("The appliance identity has not been made yet.");

    /// <summary>Whether the id is this appliance's own (false before its identity is made).</summary>
    public bool IsOwn(string applianceId) => store.Get() is { } me && LocalTarget.Is(me, applianceId);

    /// <summary>Raised after the hostname changed, for screens that show it.</summary>
    public event Action? Changed;

    /// <summary>
    /// A new hostname for the appliance (its name in the web-ui and for appliances paired later; those
    /// paired already keep the name they were told at pairing). The machine's own hostname is not changed.
    /// </summary>
    public ApplianceInfo Rename(string? hostname)
    {
        var valid = Hostnames.Validate(hostname);
        var info = Current;
        info.Hostname = valid;
        store.Save(info);
        Changed?.Invoke();
        return info;
    }
}
