namespace Rockstor.Domain.Updates;

/// <summary>What the updater last said: its state, the step it is at, the versions, when, and in words.</summary>
public sealed record UpdateProgress(UpdateState State, string Step, string From, string To, DateTimeOffset At, string Message)
{
    public static UpdateProgress Idle { get; } = new(UpdateState.Idle, "", "", "", DateTimeOffset.MinValue, "");
}
