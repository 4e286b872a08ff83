using MudBlazor;
using Rockstor.Domain.Common;

namespace Rockstor.Web.Components.Shared;

/// <summary>
/// The one way a screen reports what an action did: its sentence when it is done, or the domain's
/// refusal (a <see cref="RockstorException"/> or one of its kinds) as an error. Any other exception is a
/// bug and goes on to Blazor's error handling.
/// </summary>
public static class SnackbarOutcomes
{
    /// <summary>Runs the action and reports how it went; true when it was done.</summary>
    /// <param name="snackbar">Where the outcome shows.</param>
    /// <param name="action">The call into a domain service.</param>
    /// <param name="done">What to say when it is done (nothing when the action says it itself).</param>
    /// <param name="doneSeverity">How to say it: success unless the action only starts something.</param>
    /// <param name="about">What the error is about, put before it when several actions run in a row.</param>
    /// <param name="onConflict">Where a <see cref="ConflictException"/> goes instead (to ask whether to go further).</param>
    public static async Task<bool> TryAsync(
        this ISnackbar snackbar,
        Func<Task> action,
        string? done = null,
        Severity doneSeverity = Severity.Success,
        string? about = null,
        Func<ConflictException, Task>? onConflict = null)
    {
        try
        {
            await action();
        }
        catch (ConflictException e) when (onConflict is not null)
        {
            await onConflict(e);
            return false;
        }
        catch (RockstorException e)
        {
            snackbar.Add(about is null ? e.Message : $"{about}: {e.Message}", Severity.Error);
            return false;
        }

        if (done is not null)
        {
            snackbar.Add(done, doneSeverity);
        }

        return true;
    }

    /// <summary>Runs an action that does not wait, and reports how it went; true when it was done.</summary>
    public static bool Try(this ISnackbar snackbar, Action action, string? done = null, Severity doneSeverity = Severity.Success)
    {
        try
        {
            action();
        }
        catch (RockstorException e)
        {
            snackbar.Add(e.Message, Severity.Error);
            return false;
        }

        if (done is not null)
        {
            snackbar.Add(done, doneSeverity);
        }

        return true;
    }
}
