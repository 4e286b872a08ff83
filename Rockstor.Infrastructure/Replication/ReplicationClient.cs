using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Infrastructure.Certificates;

namespace Rockstor.Infrastructure.Replication;

/// <summary>The sending side of the peer replication socket: mutual TLS with both certificates pinned, then frames.</summary>
public sealed class ReplicationClient(LocalCertificate certificate, TimeProvider time, ILogger<ReplicationClient> logger) : IReplicationTransport
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a stream stopped on purpose has to reach its next frame boundary before it is cut.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long a sender whose stream broke waits for the receiver's verdict, which may say why.</summary>
    private static readonly TimeSpan VerdictGrace = TimeSpan.FromSeconds(5);

    public async Task<IReplicationSession> ConnectAsync(PairedAppliance destination, int port, ReplicationHello hello, CancellationToken ct)
    {
        var where = $"{destination.Hostname} ({destination.Host}:{port})";
        var tcp = new TcpClient { NoDelay = true };
        SslStream? tls = null;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(ConnectTimeout);
                try
                {
                    await tcp.ConnectAsync(destination.Host, port, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new PeerUnreachableException($"Could not reach the replication service of {where}: no answer within {ConnectTimeout.TotalSeconds:0} s.");
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    throw new PeerUnreachableException($"{where} refused the connection: its Replication service is off, or the port is wrong.");
                }
                catch (SocketException e)
                {
                    throw new PeerUnreachableException($"Could not reach the replication service of {where}: {e.Message}.");
                }

                var socket = new BatchedNetworkStream(tcp.GetStream());
                tls = new SslStream(socket, leaveInnerStreamOpen: false);
                var presented = "";
                try
                {
                    await tls.AuthenticateAsClientAsync(
                            new SslClientAuthenticationOptions
                            {
                                TargetHost = "",
                                ClientCertificates = [certificate.Certificate],
                                EnabledSslProtocols = SslProtocols.Tls13,
                                CipherSuitesPolicy = ReplicationCiphers.Policy,
                                RemoteCertificateValidationCallback = (_, server, _, _) =>
                                {
                                    presented = server is null ? "" : LocalCertificate.FingerprintOf(server);
                                    return presented == destination.CertificateFingerprint;
                                },
                            },
                            timeout.Token)
                        .ConfigureAwait(false);
                }
                catch (AuthenticationException) when (presented.Length > 0 && presented != destination.CertificateFingerprint)
                {
                    throw new CertificateMismatchException($"{where} presented a different certificate from the one pinned when it was paired; pair it again.");
                }
                catch (AuthenticationException e)
                {
                    // No certificate came (the link broke first), or the right one did: nothing was refused.
                    throw new PeerUnreachableException($"The secure connection to {where} broke off during its handshake: {e.Message}", e);
                }

                socket.Batching = true;
            }

            await Frames.WriteJsonAsync(tls, FrameType.Hello, Frames.Versioned(hello), ct).ConfigureAwait(false);
            (FrameType Type, System.Text.Json.JsonElement Body) answer;
            try
            {
                answer = await Frames.ExpectAsync(tls, ct, FrameType.Welcome, FrameType.Refuse).ConfigureAwait(false);
            }
            catch (IOException e) when (e.InnerException is SocketException)
            {
                // The link broke (a reset, not a TLS alert): the receiver never said no. Tried again.
                throw new PeerUnreachableException($"The connection to {where} broke off before it answered: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or AuthenticationException)
            {
                // With TLS 1.3 a receiver that rejects our certificate says so only now, with an alert.
                throw new ReplicationRefusedException($"{where} refused this appliance: it does not know it as paired ({e.Message}).");
            }

            if (answer.Type == FrameType.Refuse)
            {
                var refusal = answer.Body.As<RefuseBody>();
                throw new ReplicationRefusedException($"{destination.Hostname} refused: {Echo.Of(refusal.Reason, Echo.MaxSentenceLength)}", refusal.Retry);
            }

            if (Frames.ProtocolOf(answer.Body) != Frames.Protocol)
            {
                throw new ReplicationRefusedException(
                    $"{destination.Hostname} speaks version {Frames.ProtocolOf(answer.Body)} of the replication protocol and this appliance version {Frames.Protocol}: update both appliances to the same release.");
            }

            var session = new Session(tcp, tls, answer.Body.As<ReplicationWelcome>(), destination.Hostname, time, logger);
            tcp = null!;
            tls = null;
            return session;
        }
        finally
        {
            if (tls is not null)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
            }

            tcp?.Dispose();
        }
    }

    private sealed class Session(TcpClient tcp, SslStream tls, ReplicationWelcome welcome, string destination, TimeProvider time, ILogger logger) : IReplicationSession
    {
        public ReplicationWelcome Welcome { get; } = welcome;

        public async Task<ReplicationVerdict> SendAsync(
            ReplicationOffer offer,
            Func<Stream, CancellationToken, Task> writeStream,
            Task<long> expectedBytes,
            SendOptions options,
            IProgress<TransferCount> progress,
            CancellationToken ct)
        {
            await Frames.WriteJsonAsync(tls, FrameType.Offer, offer, ct).ConfigureAwait(false);
            var (type, body) = await Frames.ExpectAsync(tls, ct, FrameType.Accept, FrameType.Refuse).ConfigureAwait(false);
            if (type == FrameType.Refuse)
            {
                var refusal = body.As<RefuseBody>();
                throw new ReplicationRefusedException($"{destination} refused: {Echo.Of(refusal.Reason, Echo.MaxSentenceLength)}", refusal.Retry);
            }

            // Resuming, the receiver holds the stream's first bytes: they are regenerated but not sent.
            var resumeFrom = body.As<AcceptBody>().ResumeFrom;
            await using var data = new FramedWriteStream(tls, progress, options.Compression, resumeFrom, time);

            // The receiver may give its verdict before the stream ends (it failed: no space, a bad
            // stream): listen for it while sending, and stop sending when it comes. A run its admin
            // cancels ends the stream with a Cancel frame between two data frames (the receiver's trail
            // then says why), or, when the whole stream is across already, waits a little for the
            // verdict (a snapshot that got through is not called cancelled). Either is cut outright after
            // the grace, and so is a stop that is not the admin's (the watchdog, a window, a shutdown).
            using var sending = new CancellationTokenSource();
            Task? stream = null;
            await using var stopping = ct.Register(() =>
            {
                try
                {
                    if (options.WhyStopped?.Invoke() is not { } why)
                    {
                        sending.Cancel();
                        return;
                    }

                    if (stream?.IsCompleted != true)
                    {
                        data.Stop(why);
                    }

                    sending.CancelAfter(StopGrace);
                }
                catch (Exception e) when (e is ObjectDisposedException or AggregateException)
                {
                    // The send ended meanwhile, or a stop hook of a process already gone failed.
                }
            });
            var verdict = ReadVerdictAsync(tls, data, progress, sending.Token);
            _ = expectedBytes.ContinueWith(
                t => data.Announce(t.Result),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            stream = SendStreamAsync(data, Limited(writeStream, options), sending.Token);
            if (await Task.WhenAny(verdict, stream).ConfigureAwait(false) == verdict && !stream.IsCompleted)
            {
                await sending.CancelAsync().ConfigureAwait(false);
                await Quietly(stream).ConfigureAwait(false);
            }

            try
            {
                await stream.ConfigureAwait(false);
                if (data.Compressor is { Input: > 0 } compressor)
                {
                    logger.LogInformation(
                        "Sent {Snapshot} to {Destination}: {StreamBytes} bytes of stream as {LinkBytes} on the link; the compressor took {CompressorSeconds:0.000} s for {CompressorInput} bytes ({SecondsPerGiB:0.00} s/GiB)",
                        offer.Snapshot,
                        destination,
                        data.StreamWritten,
                        data.Written,
                        compressor.Seconds,
                        compressor.Input,
                        compressor.Seconds * (1L << 30) / compressor.Input);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // The connection broke or the receiver stopped us: its verdict, when it sent one, says why.
                if (await Task.WhenAny(verdict, Task.Delay(VerdictGrace, ct)).ConfigureAwait(false) != verdict || !verdict.IsCompletedSuccessfully)
                {
                    throw new PeerUnreachableException($"The connection to {destination} broke after {data.Written} bytes: {e.Message}", e);
                }
            }

            try
            {
                var answer = await verdict.ConfigureAwait(false);
                return answer.As<ReplicationVerdict>() with { Bytes = data.Written, StreamBytes = data.StreamWritten, ResumedFrom = resumeFrom };
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
            {
                throw new PeerUnreachableException($"The connection to {destination} broke before its verdict, after {data.Written} bytes: {e.Message}", e);
            }
        }

        /// <summary>The verdict, after any news of a spooled stream being applied (counted as movement).</summary>
        private static async Task<System.Text.Json.JsonElement> ReadVerdictAsync(Stream tls, FramedWriteStream data, IProgress<TransferCount> progress, CancellationToken ct)
        {
            while (true)
            {
                var (type, body) = await Frames.ExpectAsync(tls, ct, FrameType.Verdict, FrameType.Applying).ConfigureAwait(false);
                if (type == FrameType.Verdict)
                {
                    return body;
                }

                progress.Report(new TransferCount(data.Written, data.StreamWritten, body.As<ApplyingBody>().Bytes));
            }
        }

        /// <summary>The writer of the stream, writing no faster than the options allow (btrfs send then waits on its pipe).</summary>
        private Func<Stream, CancellationToken, Task> Limited(Func<Stream, CancellationToken, Task> writeStream, SendOptions options) =>
            options.BytesPerSecond is { } limit && limit > 0
                ? (stream, ct) => writeStream(new RateLimitedStream(stream, limit, time), ct)
                : writeStream;

        private static async Task SendStreamAsync(FramedWriteStream data, Func<Stream, CancellationToken, Task> writeStream, CancellationToken ct)
        {
            // btrfs send's output is read by the frames themselves (ICommandOutputReader): no stage between.
            await writeStream(data, ct).ConfigureAwait(false);
            await data.EndAsync(ct).ConfigureAwait(false);
        }

        private static async Task Quietly(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Only waiting for it to end; its outcome is judged by the caller.
            catch
#pragma warning restore CA1031
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            tcp.Dispose();
        }
    }
}
