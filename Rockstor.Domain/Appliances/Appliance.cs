using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>This appliance's identity: an id made at first start (it may start with a digit) and the hostname set at setup.</summary>
public sealed class ApplianceInfo
{
    public required string Id { get; init; }

    public string? Hostname { get; set; }
}

public interface IApplianceStore
{
    ApplianceInfo? Get();

    void Save(ApplianceInfo appliance);
}

public static class ApplianceIds
{
    /// <summary>A new id: 32 lowercase hex digits, which may well start with a digit.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 36 && id.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c) || c == '-')
        && char.IsAsciiLetterOrDigit(id[0]);
}

public static class Hostnames
{
    public const string Rule = "Use 1 to 63 letters, digits and '-', not starting or ending with '-'.";

    public static string Validate(string? hostname)
    {
        var ok = !string.IsNullOrEmpty(hostname) && hostname.Length <= 63
            && hostname.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && hostname[0] != '-' && hostname[^1] != '-';
        return ok ? hostname! : throw new ValidationException($"'{Echo.Of(hostname)}' is not a valid hostname. {Rule}");
    }
}

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
