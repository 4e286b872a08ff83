namespace Rockstor.Domain.Storage;

/// <summary>
/// Steps that undo a half-done storage change, run in reverse order when the change fails, so that a
/// failure leaves no subvolume, mount, loop device or image file behind. An undo step that fails
/// itself is skipped so the remaining steps still run; the original error is what the caller sees.
/// </summary>
public sealed class Undo
{
    private readonly Stack<Func<Task>> _steps = new();

    public void Add(Func<Task> step) => _steps.Push(step);

    public void Add(Action step) => _steps.Push(() =>
    {
        step();
        return Task.CompletedTask;
    });

    public async Task RunAsync()
    {
        while (_steps.TryPop(out var step))
        {
            try
            {
                await step().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An undo step must not hide the error that made the undo run.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
