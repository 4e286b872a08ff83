using System.Text;
using CliWrap;
using CliWrap.Exceptions;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Common;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Runs a storage program with its arguments as an array (never a shell line), checks the exit code and
/// turns a failure into a <see cref="StorageCommandException"/> that keeps the program's stderr.
/// </summary>
public sealed class CommandRunner(ILogger<CommandRunner> logger)
{
    /// <summary>Times in UTC and untranslated messages, so the parsers read one format.</summary>
    private static readonly Dictionary<string, string?> StableOutput = new() { ["TZ"] = "UTC", ["LC_ALL"] = "C" };

    public async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, string failure, CancellationToken ct)
    {
        var stdout = new StringBuilder();
        await ExecuteAsync(program, arguments, c => c.WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout)), failure, "Running", ct).ConfigureAwait(false);
        return stdout.ToString();
    }

    /// <summary>Runs the program and hands each line of its standard output to <paramref name="line"/> as it comes (a long copy's progress).</summary>
    public Task RunAsync(string program, IReadOnlyList<string> arguments, Action<string> line, string failure, CancellationToken ct) =>
        ExecuteAsync(program, arguments, c => c.WithStandardOutputPipe(PipeTarget.ToDelegate(line)), failure, "Running", ct);

    /// <summary>
    /// Runs the program with its standard input and/or output connected to streams (btrfs send and
    /// receive): nothing is buffered in memory beyond the pipes' own small buffers.
    /// </summary>
    public Task StreamAsync(string program, IReadOnlyList<string> arguments, Stream? input, Stream? output, string failure, CancellationToken ct) =>
        StreamAsync(program, arguments, input is null ? null : PipeSource.FromStream(input), output, failure, ct);

    /// <summary>
    /// Runs the program with <paramref name="writeInput"/> writing its standard input: for a caller that
    /// must know when its input stops being read (CliWrap stops waiting for it once the program exits).
    /// </summary>
    public Task StreamAsync(string program, IReadOnlyList<string> arguments, Func<Stream, CancellationToken, Task> writeInput, string failure, CancellationToken ct) =>
        StreamAsync(program, arguments, PipeSource.Create(writeInput), output: null, failure, ct);

    private Task StreamAsync(string program, IReadOnlyList<string> arguments, PipeSource? input, Stream? output, string failure, CancellationToken ct) =>
        ExecuteAsync(
            program,
            arguments,
            command =>
            {
                if (input is not null)
                {
                    command = command.WithStandardInputPipe(input);
                }

                return output is null
                    ? command
                    : command.WithStandardOutputPipe(output is ICommandOutputReader reader ? PipeTarget.Create(reader.ReadFromAsync) : PipeTarget.ToStream(output));
            },
            failure,
            "Streaming",
            ct);

    /// <summary>Runs the program and returns its exit code and output without treating a non-zero exit as a failure.</summary>
    public async Task<(int ExitCode, string Output)> ProbeAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var stdout = new StringBuilder();
        var result = await Cli.Wrap(program)
            .WithArguments(arguments)
            .WithEnvironmentVariables(StableOutput)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(ct)
            .ConfigureAwait(false);
        return (result.ExitCode, stdout.ToString());
    }

    /// <summary>
    /// Runs the program, its pipes set by <paramref name="pipes"/>, with stable output and its stderr kept:
    /// a non-zero exit, or a program that cannot start, becomes a <see cref="StorageCommandException"/>.
    /// </summary>
    private async Task ExecuteAsync(string program, IReadOnlyList<string> arguments, Func<Command, Command> pipes, string failure, string doing, CancellationToken ct)
    {
        var stderr = new StringBuilder();
        var command = pipes(Cli.Wrap(program)
            .WithArguments(arguments)
            .WithEnvironmentVariables(StableOutput)
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CommandResultValidation.ZeroExitCode));
        var shown = Show(program, arguments);
        logger.LogDebug("{Doing} {Command}", doing, shown);
        try
        {
            await command.ExecuteAsync(ct).ConfigureAwait(false);
        }
        catch (CommandExecutionException e)
        {
            logger.LogWarning("{Command} failed with exit code {ExitCode}: {Error}", shown, e.ExitCode, stderr.ToString().Trim());
            throw new StorageCommandException(failure, shown, stderr.ToString(), e);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new StorageCommandException(failure, shown, $"{program} could not be started: {e.Message}", e);
        }
    }

    private static string Show(string program, IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? program : $"{program} {string.Join(' ', arguments)}";
}
