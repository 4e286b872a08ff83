namespace Rockstor.Web.Api;

/// <summary>The status report just mailed: its headline and the week it covers.</summary>
public sealed record ReportSentDto(string Headline, DateTimeOffset From, DateTimeOffset To);
