using Microsoft.Playwright;

namespace Rockstor.EndToEnd.Pages;

/// <summary>Storage -> Replication -> Send: tasks, and the add-task dialog.</summary>
public sealed class SendPage(Shell shell)
{
    public async Task AddTaskAsync(string share, string target, string pool, double? bandwidthLimitMBps = null)
    {
        await shell.GoAsync("Send");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Add replication task" }).ClickAsync();
        await shell.ChooseAsync(shell.Dialog.GetByLabel("Share"), share);
        await shell.ChooseAsync(shell.Dialog.GetByLabel("Target appliance"), target);

        // Until the target's pools arrive, "Pool on the target" is a text field; the list replaces it.
        await shell.Dialog.GetByText("Read from the target appliance.").WaitForAsync();
        await shell.ChooseAsync(shell.Dialog.GetByLabel("Pool on the target"), pool);
        if (bandwidthLimitMBps is { } limit)
        {
            await shell.FillAsync(shell.Dialog.GetByLabel("Bandwidth limit (MB/s)"), limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await shell.ScreenshotAsync("tutorial-add-task");
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await shell.SnackbarAsync("Task added");
    }

    /// <summary>Opens the trail of the share's task from its Last backup link.</summary>
    public async Task<TrailPage> OpenTrailAsync(string share)
    {
        var row = shell.Table("Replication tasks").GetByRole(AriaRole.Row)
            .Filter(new() { Has = shell.Page.GetByRole(AriaRole.Cell, new() { Name = share, Exact = true }) });
        await row.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("trail of task \\d+$") }).ClickAsync();
        return new TrailPage(shell);
    }
}

/// <summary>A trail (send or receive): one row per attempt, updated live.</summary>
public sealed class TrailPage(Shell shell)
{
    public ILocator Rows => shell.Page.Locator("tbody tr");

    /// <summary>The newest attempt's state, as its chip says.</summary>
    public ILocator NewestState => Rows.First.Locator("td[data-status]");

    public ILocator NewestPercent => Rows.First.Locator("[data-percent]");
}

/// <summary>Storage -> Replication -> Receive: what this appliance receives.</summary>
public sealed class ReceivePage(Shell shell)
{
    public async Task<TrailPage> OpenTrailAsync(string sourceShare)
    {
        await shell.GoAsync("Receive");
        var row = shell.Table("Incoming replicas").GetByRole(AriaRole.Row)
            .Filter(new() { Has = shell.Page.GetByRole(AriaRole.Cell, new() { Name = sourceShare, Exact = true }) });
        await row.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(": trail of ") }).ClickAsync();
        return new TrailPage(shell);
    }

    /// <summary>Gives the replica of <paramref name="sourceShare"/> from <paramref name="sender"/> a protection period of its own.</summary>
    public async Task ProtectAsync(string sourceShare, string sender, int days, string? screenshot = null)
    {
        await shell.GoAsync("Receive");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = $"History kept of {sourceShare} from {sender}" }).ClickAsync();
        await shell.Dialog.WaitForAsync();
        await shell.Dialog.GetByText("Protect for this appliance's default").ClickAsync();
        await shell.FillAsync(shell.Dialog.GetByLabel("Protect each received snapshot for (days)"), days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await shell.ExpectAccessibleAsync("Receive -> History kept");
        if (screenshot is not null)
        {
            await shell.ScreenshotAsync(screenshot);
        }

        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await shell.SnackbarAsync("the next receive applies it");
    }
}

/// <summary>Storage -> Snapshot schedules.</summary>
public sealed class SchedulesPage(Shell shell)
{
    /// <summary>Adds a schedule of the only share, every <paramref name="hours"/> hours, with the dialog's proposed policy.</summary>
    public async Task AddHourlyAsync(string prefix, int hours, string? screenshot = null)
    {
        await shell.GoAsync("Snapshot schedules");
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Add schedule" }).ClickAsync();
        await shell.Dialog.WaitForAsync();
        await shell.FillAsync(shell.Dialog.GetByLabel("N", new() { Exact = true }), hours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await shell.FillAsync(shell.Dialog.GetByLabel("Name prefix"), prefix);
        await shell.ExpectAccessibleAsync("Snapshot schedules -> Add schedule");
        if (screenshot is not null)
        {
            await shell.ScreenshotAsync(screenshot);
        }

        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await shell.SnackbarAsync($"Schedule {prefix} added");
    }

    public async Task RunNowAsync(string prefix)
    {
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = $"Run schedule {prefix} now" }).ClickAsync();
        await shell.SnackbarAsync($"Schedule {prefix} runs now");
    }

    /// <summary>Once the schedule has run (Refresh shows it), follows its last run to its snapshots.</summary>
    public async Task OpenSnapshotsOfAsync(string prefix)
    {
        var link = shell.Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^Snapshots of schedule {prefix}") });
        for (var attempt = 0; await link.CountAsync() == 0; attempt++)
        {
            if (attempt == 60)
            {
                throw new InvalidOperationException($"Schedule {prefix} did not run within 30 s.");
            }

            await shell.Page.WaitForTimeoutAsync(500);
            await shell.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        }

        await link.ClickAsync();
    }
}

/// <summary>Storage -> Snapshots: every snapshot on the appliance.</summary>
public sealed class SnapshotsPage(Shell shell)
{
    public async Task OpenAsync() => await shell.GoAsync("Snapshots");

    public ILocator Table => shell.Table("Snapshots");

    /// <summary>The snapshots listed (one row each).</summary>
    public ILocator Rows => Table.Locator("tbody tr");

    /// <summary>Ticks a snapshot's box ("share/name").</summary>
    public Task SelectAsync(string key) => shell.Page.GetByLabel($"Select {key}", new() { Exact = true }).CheckAsync();

    /// <summary>Clones the snapshot into a new share through the Clone dialog.</summary>
    public async Task CloneAsync(string key, string newShare)
    {
        await shell.Page.GetByRole(AriaRole.Button, new() { Name = $"Clone {key}" }).ClickAsync();
        await shell.FillAsync(shell.Dialog.GetByLabel("New share name"), newShare);
        await shell.Dialog.GetByRole(AriaRole.Button, new() { Name = "Clone" }).ClickAsync();
        await shell.Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
