using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using Rockstor.Domain.Alerts.Reports;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>
/// The status report as a mail: the same sections (pools, disks, replication both ways, alerts) as plain
/// text and as HTML tables, in one multipart/alternative body.
/// </summary>
internal static class StatusReportMail
{
    public static string Subject(StatusReport report) => $"[Rockstor {report.Appliance}] Weekly status: {report.Headline}";

    public static MimeEntity Body(StatusReport report)
    {
        var sections = Sections(report);
        var intro = $"Status of {report.Appliance}, the week from {Day(report.From)} to {Day(report.To)} (UTC).";
        return new MultipartAlternative
        {
            new TextPart("plain") { Text = Text(intro, sections) },
            new TextPart("html") { Text = Html(intro, sections) },
        };
    }

    internal static IReadOnlyList<Section> Sections(StatusReport report) =>
    [
        new(
            "Pools",
            ["Pool", "Used", "Size", "Full", "State"],
            report.Pools.Select(p => (IReadOnlyList<string>)
            [
                p.Pool.Name,
                Bytes.Format(p.UsedBytes),
                Bytes.Format(p.SizeBytes),
                p.SizeBytes > 0 ? $"{100.0 * p.UsedBytes / p.SizeBytes:0}%" : "-",
                !p.Mounted ? (p.Pool.Removable ? "removable, not plugged in" : "NOT MOUNTED") : p.Degraded ? "DEGRADED" : p.DeviceErrors > 0 ? $"{p.DeviceErrors} device error(s)" : "healthy",
            ]).ToList(),
            "No pools."),
        new(
            "Disks",
            ["Disk", "Model", "Serial", "SMART", "Temperature", "Pool"],
            report.Disks.Select(d => (IReadOnlyList<string>)
            [
                d.Disk.Disk.Path,
                d.Smart.Model ?? d.Disk.Disk.Model ?? "-",
                d.Smart.Serial ?? d.Disk.Disk.Serial ?? "-",
                d.Verdict,
                d.Smart.Vitals.TemperatureCelsius is { } celsius ? $"{celsius} °C" : "-",
                d.Disk.Pool ?? "-",
            ]).ToList(),
            "No disks."),
        new(
            "Replication sent",
            ["Share", "To", "Last good copy", "Latest run"],
            report.Sends.Select(s => (IReadOnlyList<string>)
            [
                s.Task.Share,
                $"{s.TargetHostname} (pool {s.Task.TargetPool})",
                s.LastBackup?.EndedAt is { } good ? Moment(good) : "none yet",
                Run(s.Latest),
            ]).ToList(),
            "No replication tasks."),
        new(
            "Replication received",
            ["Replica", "From", "Last received", "Latest run"],
            report.Receives.Select(r => (IReadOnlyList<string>)
            [
                r.Replica.ReplicaShare,
                $"{r.SenderHostname} (share {r.Replica.SourceShare})",
                r.Replica.LastReceiveAt is { } at ? Moment(at) : "nothing yet",
                Run(r.Latest),
            ]).ToList(),
            "Nothing is replicated to this appliance."),
        new(
            "Alerts of the week",
            ["Raised", "About", "What happened", "Resolved"],
            report.RaisedInTheWeek.Select(a => (IReadOnlyList<string>)
            [
                Moment(a.RaisedAt),
                a.Subject,
                a.Message,
                a.ResolvedAt is { } resolved ? Moment(resolved) : "OPEN",
            ]).ToList(),
            "No alert was raised this week."),
        new(
            "Still open from before",
            ["Raised", "About", "What happened"],
            report.Open.Where(a => a.RaisedAt < report.From).Select(a => (IReadOnlyList<string>) [Moment(a.RaisedAt), a.Subject, a.Message]).ToList(),
            "None."),
    ];

    private static string Run(Domain.Replication.Trail.Attempt? attempt) => attempt switch
    {
        null => "never ran",
        { Status: AttemptStatus.Failed } => $"FAILED {Moment(attempt.EndedAt ?? attempt.StartedAt)}: {attempt.Error}",
        _ => $"{attempt.Status.ToString().ToLowerInvariant()} {Moment(attempt.EndedAt ?? attempt.StartedAt)}",
    };

    private static string Text(string intro, IReadOnlyList<Section> sections)
    {
        var text = new StringBuilder(intro).Append("\n\n");
        foreach (var section in sections)
        {
            text.Append(section.Title).Append('\n').Append(new string('-', section.Title.Length)).Append('\n');
            if (section.Rows.Count == 0)
            {
                text.Append(section.Empty).Append("\n\n");
                continue;
            }

            foreach (var row in section.Rows)
            {
                text.Append("- ").AppendJoin("; ", section.Headers.Zip(row, (header, value) => $"{header}: {value}")).Append('\n');
            }

            text.Append('\n');
        }

        return text.Append("Sent weekly by the appliance; turn it off under System -> Alerts.\n").ToString();
    }

    private static string Html(string intro, IReadOnlyList<Section> sections)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">");
        html.Append("<p>").Append(WebUtility.HtmlEncode(intro)).Append("</p>");
        foreach (var section in sections)
        {
            html.Append("<h2 style=\"font-size: 1.1em\">").Append(WebUtility.HtmlEncode(section.Title)).Append("</h2>");
            if (section.Rows.Count == 0)
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(section.Empty)).Append("</p>");
                continue;
            }

            html.Append("<table cellpadding=\"4\" style=\"border-collapse: collapse\" border=\"1\"><tr>");
            foreach (var header in section.Headers)
            {
                html.Append("<th align=\"left\">").Append(WebUtility.HtmlEncode(header)).Append("</th>");
            }

            html.Append("</tr>");
            foreach (var row in section.Rows)
            {
                html.Append("<tr>");
                foreach (var value in row)
                {
                    html.Append("<td>").Append(WebUtility.HtmlEncode(value)).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        return html.Append("<p><small>Sent weekly by the appliance; turn it off under System -&gt; Alerts.</small></p></body></html>").ToString();
    }

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Moment(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>One part of the report: a table with its headers and rows, or a sentence when it has none.</summary>
    internal sealed record Section(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string Empty);
}
