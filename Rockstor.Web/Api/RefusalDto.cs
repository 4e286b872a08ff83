
namespace Rockstor.Web.Api;

/// <summary>A refusal; the same one repeated is one row: <c>count</c> times from <c>firstAt</c> to <c>at</c>.</summary>
public sealed record RefusalDto(DateTimeOffset At, string From, string? SenderApplianceId, string Reason, int Count, DateTimeOffset FirstAt);
