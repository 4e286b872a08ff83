using System.Text.RegularExpressions;

namespace Rockstor.Testing;

/// <summary>
/// Reading the pages of Hangfire's dashboard as they are served. Its navigation names every state on every
/// page ("Succeeded" included), so a state is read from the job's own state card, never from the page as a whole.
/// </summary>
public static partial class HangfireDashboard
{
    /// <summary>The id of the job a job list shows under exactly this name ("Replicate task 1", not "... 12"), or null.</summary>
    public static string? JobId(string listPage, string jobName)
    {
        ArgumentNullException.ThrowIfNull(listPage);
        var match = Regex.Match(listPage, $"href=\"[^\"]*/jobs/details/(\\d+)\">{Regex.Escape(jobName)}</a>");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The state a job's details page shows as its current one (the first state card), e.g. "Succeeded".</summary>
    public static string? CurrentState(string detailsPage)
    {
        ArgumentNullException.ThrowIfNull(detailsPage);
        var match = StateCardTitle().Match(detailsPage);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<h4 class=\"state-card-title\"[^>]*>.*?</small>\\s*([A-Za-z]+)\\s*</h4>", RegexOptions.Singleline)]
    private static partial Regex StateCardTitle();
}
