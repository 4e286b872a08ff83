using Rockstor.Domain.Alerts;
using Rockstor.Web.Components.Alerts;

namespace Rockstor.Web.Tests.Alerts;

public sealed class AlertWordsTests
{
    [Theory]
    [InlineData(AlertKind.Update, "update", "/system/updates")]
    [InlineData(AlertKind.Certificate, "certificate", "/system")]
    [InlineData(AlertKind.Certificate, "certificate:peer-1", "/appliances")]
    [InlineData(AlertKind.ServiceStopped, "service:samba", "/system/services")]
    public void Each_alert_links_to_the_screen_where_the_admin_acts(AlertKind kind, string about, string link)
    {
        var alert = new Alert { Kind = kind, TaskId = 0, About = about, Subject = "s", Message = "m", RaisedAt = DateTimeOffset.UnixEpoch };

        Assert.Equal(link, AlertWords.Link(alert));
    }

    [Fact]
    public void An_update_alert_has_its_own_label()
    {
        Assert.Equal("update", AlertWords.Label(AlertKind.Update));
    }
}
