using System.Globalization;
using System.Text;
using Rockstor.Domain.Smb;

namespace Rockstor.Infrastructure.Samba;

/// <summary>
/// Writes the whole smb.conf of the appliance's own Samba: the globals that keep Samba's files under the
/// data directory and its port the appliance's, the admin's extra options, then one section a share.
/// Every value comes from a checked name, a path the appliance made, or an option line checked by
/// <see cref="SmbRules"/>.
/// </summary>
public static class SambaConfigWriter
{
    /// <summary>How shadow_copy2 reads a snapshot's time from its name (UTC).</summary>
    public const string ShadowFormat = "@GMT-%Y.%m.%d-%H.%M.%S";

    public static string Write(SambaLayout layout, int port, SmbSettings settings, IReadOnlyList<SambaShareEntry> shares)
    {
        var conf = new StringBuilder();
        conf.AppendLine("# Written by Rockstor: changes made here are replaced. Change Samba from the web-ui.");
        conf.AppendLine("[global]");
        // The admin's options first: Samba keeps the last value of an option, so the appliance's own lines,
        // which follow, always hold.
        foreach (var option in settings.GlobalOptions)
        {
            Line(conf, option);
        }

        foreach (var line in layout.GlobalLines())
        {
            Line(conf, line);
        }

        Line(conf, $"workgroup = {settings.Workgroup}");
        Line(conf, $"smb ports = {port.ToString(CultureInfo.InvariantCulture)}");
        Line(conf, "disable netbios = yes");
        Line(conf, "server min protocol = SMB2_02");
        Line(conf, "rpc start on demand helpers = no"); // the appliance runs samba-dcerpcd itself, so it stops it too
        Line(conf, "map to guest = bad user");
        Line(conf, "guest account = nobody");
        Line(conf, "load printers = no");
        Line(conf, "printing = bsd");
        Line(conf, "printcap name = /dev/null");
        Line(conf, "disable spoolss = yes");
        Line(conf, "registry shares = no");
        Line(conf, "usershare max shares = 0");

        foreach (var share in shares.OrderBy(s => s.Export.Share, StringComparer.Ordinal))
        {
            Section(conf, share);
        }

        return conf.ToString();
    }

    private static void Section(StringBuilder conf, SambaShareEntry share)
    {
        var export = share.Export;
        conf.AppendLine();
        conf.AppendLine(CultureInfo.InvariantCulture, $"[{export.Share}]");
        Line(conf, $"path = {share.Path}");
        Line(conf, $"browseable = {YesNo(export.Browsable)}");
        Line(conf, $"read only = {YesNo(export.ReadOnly)}");
        Line(conf, $"guest ok = {YesNo(export.Guest)}");
        var allowed = export.Users.Concat(export.Groups.Select(g => "+" + g)).ToList();
        if (allowed.Count > 0)
        {
            Line(conf, $"valid users = {string.Join(' ', allowed)}");
        }

        var modules = new List<string>();
        if (export.TimeMachine)
        {
            modules.AddRange(["catia", "fruit", "streams_xattr"]);
        }

        if (share.ShadowDirectory is not null)
        {
            modules.Add("shadow_copy2");
        }

        if (modules.Count > 0)
        {
            Line(conf, $"vfs objects = {string.Join(' ', modules)}");
        }

        if (export.TimeMachine)
        {
            Line(conf, "fruit:time machine = yes");
        }

        if (share.ShadowDirectory is { } shadow)
        {
            Line(conf, $"shadow:snapdir = {shadow}");
            Line(conf, $"shadow:format = {ShadowFormat}");
            Line(conf, "shadow:sort = desc");
            Line(conf, "shadow:localtime = no");
        }
    }

    private static void Line(StringBuilder conf, string line) => conf.Append("  ").AppendLine(line);

    private static string YesNo(bool value) => value ? "yes" : "no";
}
