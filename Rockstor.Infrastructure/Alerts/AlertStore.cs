using LiteDB;
using Rockstor.Domain.Alerts;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Infrastructure.Secrets;

namespace Rockstor.Infrastructure.Alerts;

internal sealed class AlertDocument
{
    [BsonId(autoId: true)]
    public long Id { get; set; }

    public string Kind { get; set; } = "";

    public int TaskId { get; set; }

    public string? Pool { get; set; }

    public string? About { get; set; }

    public string Subject { get; set; } = "";

    public string Message { get; set; } = "";

    public DateTime RaisedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public bool Open { get; set; }

    public DateTime? NotifiedAt { get; set; }

    public string? NotifyError { get; set; }
}

internal sealed class AlertSettingsDocument
{
    /// <summary>Always 1: one set of settings.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; }

    public string? SmtpSecurity { get; set; }

    public string? SmtpUsername { get; set; }

    /// <summary>
    /// Encrypted (<see cref="StoredSecrets"/>); in clear only in a store written by an earlier version, until
    /// the next start. Never shown back.
    /// </summary>
    public string? SmtpPassword { get; set; }

    public string? EmailFrom { get; set; }

    public List<string> EmailTo { get; set; } = [];

    public string? WebhookUrl { get; set; }

    public bool AllowLoopbackWebhook { get; set; }

    /// <summary>0 in a store written before thresholds: the defaults.</summary>
    public int CapacityWarnPercent { get; set; }

    public int CapacityCriticalPercent { get; set; }

    /// <summary>Null in a store written before the weekly report: on, the default.</summary>
    public bool? WeeklyReport { get; set; }
}

internal sealed class AlertRepository : IAlertRepository
{
    /// <summary>Resolved alerts kept: the newest this many.</summary>
    public const int ResolvedKept = 1000;

    public AlertRepository(RockstorDatabase db)
    {
        Collection = db.Database.GetCollection<AlertDocument>("alerts");
        Collection.EnsureIndex(a => a.TaskId);
    }

    private ILiteCollection<AlertDocument> Collection { get; }

    public void Save(Alert alert)
    {
        var document = new AlertDocument
        {
            Id = alert.Id,
            Kind = alert.Kind.ToString(),
            TaskId = alert.TaskId,
            Pool = alert.Pool,
            About = alert.About,
            Subject = alert.Subject,
            Message = alert.Message,
            RaisedAt = alert.RaisedAt.UtcDateTime,
            ResolvedAt = alert.ResolvedAt?.UtcDateTime,
            Open = alert.Open,
            NotifiedAt = alert.NotifiedAt?.UtcDateTime,
            NotifyError = alert.NotifyError,
        };
        if (alert.Id == 0)
        {
            alert.Id = Collection.Insert(document).AsInt64;
            Trim();
        }
        else
        {
            Collection.Upsert(document);
        }
    }

    public Alert? FindOpen(AlertKind kind, int taskId)
    {
        var name = kind.ToString();
        return Collection.FindOne(a => a.TaskId == taskId && a.Pool == null && a.About == null && a.Open && a.Kind == name) is { } d ? ToAlert(d) : null;
    }

    public IReadOnlyList<Alert> OpenFor(int taskId) =>
        Collection.Find(a => a.TaskId == taskId && a.Pool == null && a.About == null && a.Open).Select(ToAlert).ToList();

    public Alert? FindOpen(AlertKind kind, string pool)
    {
        var name = kind.ToString();
        return Collection.FindOne(a => a.Pool == pool && a.Open && a.Kind == name) is { } d ? ToAlert(d) : null;
    }

    public Alert? FindOpenAbout(AlertKind kind, string about)
    {
        var name = kind.ToString();
        return Collection.FindOne(a => a.About == about && a.Open && a.Kind == name) is { } d ? ToAlert(d) : null;
    }

    public IReadOnlyList<Alert> RaisedSince(DateTimeOffset since)
    {
        var from = since.UtcDateTime;
        return Collection.Find(a => a.RaisedAt >= from).OrderBy(a => a.Id).Select(ToAlert).ToList();
    }

    public IReadOnlyList<Alert> List(bool openOnly, int take) =>
        (openOnly ? Collection.Query().Where(a => a.Open) : Collection.Query())
            .OrderByDescending(a => a.Id)
            .Limit(take)
            .ToList()
            .Select(ToAlert)
            .ToList();

    public int CountOpen() => Collection.Count(a => a.Open);

    private void Trim()
    {
        var oldestKept = Collection.Query().Where(a => !a.Open).OrderByDescending(a => a.Id).Skip(ResolvedKept - 1).Limit(1).ToList().FirstOrDefault()?.Id ?? 0;
        if (oldestKept > 0)
        {
            Collection.DeleteMany(a => !a.Open && a.Id < oldestKept);
        }
    }

    private static Alert ToAlert(AlertDocument d) => new()
    {
        Id = d.Id,
        Kind = Enum.Parse<AlertKind>(d.Kind),
        TaskId = d.TaskId,
        Pool = d.Pool,
        About = d.About,
        Subject = d.Subject,
        Message = d.Message,
        RaisedAt = PoolRepository.Utc(d.RaisedAt),
        ResolvedAt = d.ResolvedAt is { } resolved ? PoolRepository.Utc(resolved) : null,
        NotifiedAt = d.NotifiedAt is { } notified ? PoolRepository.Utc(notified) : null,
        NotifyError = d.NotifyError,
    };
}

internal sealed class AlertSettingsStore(RockstorDatabase db, StoredSecrets secrets) : IAlertSettingsStore
{
    private ILiteCollection<AlertSettingsDocument> Collection => db.Database.GetCollection<AlertSettingsDocument>("alert_settings");

    public AlertSettings Load()
    {
        if (Collection.FindById(1) is not { } d)
        {
            return AlertSettings.None;
        }

        var (warn, critical) = d.CapacityCriticalPercent > 0
            ? (d.CapacityWarnPercent, d.CapacityCriticalPercent)
            : (AlertSettings.DefaultWarnPercent, AlertSettings.DefaultCriticalPercent);

        var email = d.SmtpHost is null
            ? null
            : new EmailSettings(d.SmtpHost, d.SmtpPort, AlertRules.Security(d.SmtpSecurity), d.SmtpUsername, d.SmtpPassword is null ? null : secrets.UnprotectSmtpPassword(d.SmtpPassword), d.EmailFrom ?? "", d.EmailTo);
        return new AlertSettings(email, d.WebhookUrl is null ? null : new Uri(d.WebhookUrl), d.AllowLoopbackWebhook, warn, critical, d.WeeklyReport ?? true);
    }

    public void Save(AlertSettings settings) => Collection.Upsert(new AlertSettingsDocument
    {
        SmtpHost = settings.Email?.Host,
        SmtpPort = settings.Email?.Port ?? 0,
        SmtpSecurity = settings.Email?.Security.ToString(),
        SmtpUsername = settings.Email?.Username,
        SmtpPassword = settings.Email?.Password is { } password ? secrets.ProtectSmtpPassword(password) : null,
        EmailFrom = settings.Email?.From,
        EmailTo = settings.Email?.To.ToList() ?? [],
        WebhookUrl = settings.WebhookUrl?.ToString(),
        AllowLoopbackWebhook = settings.AllowLoopbackWebhook,
        CapacityWarnPercent = settings.CapacityWarnPercent,
        CapacityCriticalPercent = settings.CapacityCriticalPercent,
        WeeklyReport = settings.WeeklyReport,
    });

    /// <summary>Encrypts the SMTP password when an earlier version stored it in clear; returns 1 if it did, else 0.</summary>
    public int ProtectStoredInClear()
    {
        if (Collection.FindById(1) is not { SmtpPassword: { } password } document || StoredSecrets.IsProtected(password))
        {
            return 0;
        }

        document.SmtpPassword = secrets.ProtectSmtpPassword(password);
        Collection.Update(document);
        return 1;
    }
}
