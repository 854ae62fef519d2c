namespace GenderArchitecture.TestSupport;

/// <summary>
/// The gateway requires an <c>Idempotency-Key</c> on every write. Tests that are not about that contract write through
/// clients with this handler, which gives each write that has no key a fresh one (a new request, a new key), as the
/// pages' fetch helper does; a key the test sets is left alone, so retries that share a key still share it. Tests of
/// the contract itself use a plain client and send or omit the key explicitly.
/// </summary>
public sealed class IdempotencyKeyHandler : DelegatingHandler
{
    public const string Header = "Idempotency-Key";

    /// <summary>For a handler chain that sets the inner handler itself (WebApplicationFactory.CreateDefaultClient).</summary>
    public IdempotencyKeyHandler() { }

    public IdempotencyKeyHandler(HttpMessageHandler inner) : base(inner) { }

    /// <summary>A client of the gateway at <paramref name="gateway"/> whose writes carry a key, with an optional bearer token.</summary>
    public static HttpClient Client(Uri gateway, string? token = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new IdempotencyKeyHandler(new SocketsHttpHandler())) { BaseAddress = gateway, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public static bool IsWrite(HttpMethod method) => method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch || method == HttpMethod.Delete;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (IsWrite(request.Method) && !request.Headers.Contains(Header)) request.Headers.Add(Header, Guid.NewGuid().ToString());
        return base.SendAsync(request, cancellationToken);
    }
}
