using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TripleStore.Remote;
using TripleStore.Sparql;
using Xunit;

namespace TripleStore.Tests.Remote;

/// <summary>
/// An https endpoint on loopback with a self-signed certificate: refused by default (the certificate is
/// checked), answered with <see cref="RemoteStoreOptions.SkipCertificateCheck"/>.
/// </summary>
public sealed class RemoteTlsTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public RemoteTlsTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    private Uri Endpoint => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/sparql");

    /// <summary>Answers every request on every connection with a JSON "true", over TLS.</summary>
    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await using var tls = new SslStream(client.GetStream());
                        await tls.AuthenticateAsServerAsync(_certificate);
                        var reader = new StreamReader(tls, Encoding.ASCII);
                        while (await reader.ReadLineAsync() is { Length: > 0 }) { }
                        var body = """{"head":{},"boolean":true}""";
                        var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                        await tls.WriteAsync(Encoding.ASCII.GetBytes(response));
                        await tls.FlushAsync();
                    }
                    catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException) { }
                }
            });
        }
    }

    [Fact]
    public void An_untrusted_certificate_is_refused_by_default()
    {
        using var store = RemoteStore.Connect(Endpoint, new RemoteStoreOptions { Resilience = new RemoteResilienceOptions { MaxRetryAttempts = 0 } });
        var e = Assert.Throws<RemoteEndpointException>(() => store.Query("ASK { }"));
        Assert.Equal(ErrorCodes.RemoteEndpointUnavailable, e.ErrorCode);
        Assert.Contains("SSL", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SkipCertificateCheck_accepts_a_self_signed_certificate()
    {
        using var store = RemoteStore.Connect(Endpoint, new RemoteStoreOptions { SkipCertificateCheck = true });
        Assert.True(((BooleanResult)store.Query("ASK { }")).Value);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _certificate.Dispose();
        _stop.Dispose();
    }
}
